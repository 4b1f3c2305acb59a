import { shanghaiDate } from '@cz/calendar';
import { formatYuan } from '@cz/policy';

/**
 * How a column's values are written. `money` values are integer fen (number, bigint or decimal
 * string, as pg returns sums), written as yuan; `date` values are calendar days (`YYYY-MM-DD`) or
 * instants, taken as their Asia/Shanghai day; `percent` values are fractions (0.25 = 25%);
 * `decimal` values are measures with two places (areas in m², scores), as pg's numeric strings.
 */
export type ExportColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'date' | 'percent';

export interface ExportColumn {
  key: string;
  /** The Chinese column header users read. */
  header: string;
  kind?: ExportColumnKind;
}

/** One list or one statistic: one CSV file, or one sheet of a workbook. */
export interface ExportTable {
  /** Chinese; names the sheet of a workbook and the section of a multi-table CSV. */
  title: string;
  columns: ExportColumn[];
  rows: Record<string, unknown>[];
}

export type ExportFormat = 'CSV' | 'XLSX';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The value as an integer count; a report that puts anything else in a numeric column is a bug, said loudly. */
export function integerOf(value: unknown, column: ExportColumn): number {
  const number = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new TypeError(`export column ${column.key} (${column.kind}) got ${String(value)}`);
  return number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A measure's decimal text as the database gave it (never through a float and back). */
export function decimalOf(value: unknown, column: ExportColumn): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) throw new TypeError(`export column ${column.key} (decimal) got ${String(value)}`);
  return text;
}

/** Integer fen exactly, whatever pg or a resolver handed over. */
export function fenOf(value: unknown, column: ExportColumn): bigint {
  if (typeof value === 'bigint') return value;
  if ((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))) return BigInt(value);
  throw new TypeError(`export column ${column.key} (money, fen) got ${String(value)}`);
}

/** The calendar day a date column shows: a `YYYY-MM-DD` as is, an instant as its day in Asia/Shanghai. */
export function dayOf(value: unknown, column: ExportColumn): string {
  if (value instanceof Date) return shanghaiDate(value);
  if (typeof value === 'string' && DAY.test(value.slice(0, 10))) return value.slice(0, 10);
  throw new TypeError(`export column ${column.key} (date) got ${String(value)}`);
}

export function fractionOf(value: unknown, column: ExportColumn): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new TypeError(`export column ${column.key} (percent) got ${String(value)}`);
  return number;
}

/** Empty cells stay empty in every kind of column: a missing figure is not a zero. */
export const isBlank = (value: unknown): boolean => value === null || value === undefined || value === '';

/**
 * A cell as text, for CSV: money in yuan with two decimals and no thousands separators (so a
 * spreadsheet or a script reads it as a number), dates as `YYYY-MM-DD`, percents as `25.00%`.
 */
export function cellText(value: unknown, column: ExportColumn): string {
  if (isBlank(value)) return '';
  switch (column.kind ?? 'text') {
    case 'integer':
      return String(integerOf(value, column));
    case 'decimal':
      return decimalOf(value, column);
    case 'money':
      return formatYuan(fenOf(value, column)).replaceAll(',', '');
    case 'date':
      return dayOf(value, column);
    case 'percent':
      return `${(fractionOf(value, column) * 100).toFixed(2)}%`;
    case 'text':
      return value instanceof Date ? shanghaiDate(value) : String(value);
  }
}
