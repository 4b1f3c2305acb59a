import { BadUserInputError } from '@cz/errors';

const AREA = /^\d{1,9}(?:\.\d{1,2})?$/;

/**
 * An area in m² with at most two decimals, as integer hundredths of a m², so that 2999.99 stays
 * below 3000 and 3000.00 equals it; binary floating point promises neither.
 */
export function parseAreaHundredths(field: string, value: string): bigint {
  const match = typeof value === 'string' ? AREA.exec(value) : null;
  if (!match) throw new BadUserInputError(field, '面积必须是非负数，最多两位小数（平方米）', { value });
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** A building area as forms take it: greater than 0 m², at most two decimals. Returns the text unchanged. */
export function positiveArea(field: string, value: string): string {
  const valid = typeof value === 'string' && AREA.test(value) && parseAreaHundredths(field, value) > 0n;
  if (!valid) throw new BadUserInputError(field, '建筑面积必须是大于 0 的数，最多两位小数（平方米）', { value });
  return value;
}

/** 300050n → "3000.50" (m²). */
export function formatArea(hundredths: bigint): string {
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}
