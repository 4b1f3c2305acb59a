import { BadUserInputError } from '@cz/errors';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;
// bigserial ids: digits only, and short enough to stay below 2^63.
const ENTRY_ID = /^[1-9]\d{0,17}$/;

/** The Money scalar admits zero and reversals (negative); a movement is always a positive amount. */
export function positiveFen(field: string, amount: string): bigint {
  const fen = BigInt(amount);
  if (fen <= 0n) throw new BadUserInputError(field, '金额必须大于 0（以“分”为单位）');
  return fen;
}

export function idempotencyKey(field: string, key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) throw new BadUserInputError(field, '幂等键必须是 8–100 个字符（字母、数字或 . _ - :）');
  return key;
}

/** An entry id as a client sends it; anything else cannot name an entry. */
export function isEntryId(id: string): boolean {
  return ENTRY_ID.test(id);
}
