/**
 * `part` as a fraction of `whole`, rounded to `places` decimals (0.8125 = 81.25 %); null when the
 * whole is zero or unknown, because "no maximum" is not "0 % of it".
 */
export function shareOf(part: number | string | null, whole: number | string | null, places = 4): number | null {
  if (part === null || whole === null) return null;
  const [numerator, denominator] = [Number(part), Number(whole)];
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
  const scale = 10 ** places;
  return Math.round((numerator / denominator) * scale) / scale;
}

/** A decimal the database computed (numeric arrives as text from pg), as a number; null stays null. */
export function decimalOrNull(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
