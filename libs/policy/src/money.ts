import { BadUserInputError } from '@cz/errors';

/** Largest amount we accept, in fen: 10 billion yuan. Far above any park's figures, far below 2^63. */
export const MAX_FEN = 1_000_000_000_000n;

/**
 * Money is integer fen end to end. It arrives as a decimal string so it never passes through a
 * float or a 32-bit GraphQL Int.
 */
export function parseFen(field: string, value: string): bigint {
  if (!/^\d{1,13}$/.test(value)) throw new BadUserInputError(field, '金额必须是以“分”为单位的非负整数');
  const fen = BigInt(value);
  if (fen > MAX_FEN) throw new BadUserInputError(field, '金额超出允许范围', { max: MAX_FEN.toString() });
  return fen;
}

/** 80000000 fen → "800,000.00" (yuan, for people). */
export function formatYuan(fen: bigint | string): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}
