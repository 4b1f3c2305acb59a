import { findPersonalData, maskContact, maskName } from '@cz/auth';

/** The forms a value may take in a log line: as typed, digits regrouped, or JSON-escaped. */
function variantsOf(value: string): string[] {
  const variants = new Set([value]);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 7 && /^[\d\s()+-]+$/.test(value)) {
    variants.add(digits);
    if (digits.length === 11) [`${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`, `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`].forEach((form) => variants.add(form));
  }
  const escaped = JSON.stringify(value).slice(1, -1).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  variants.add(escaped);
  return [...variants];
}

/** Shown instead of the value itself, so a failing check does not print what it protects. */
const masked = (value: string) => (/\d/.test(value) || value.includes('@') ? maskContact(value) : maskName(value));

/**
 * Every place in the log lines where a known personal value (as the run entered or seeded it), or
 * anything shaped like a phone number, an ID number or an e-mail address, appears.
 */
export function personalDataIn(lines: readonly string[], values: readonly string[]): string[] {
  const known = values.filter((value) => value.trim().length > 0).map((value) => ({ value, variants: variantsOf(value) }));
  const found: string[] = [];
  lines.forEach((line, index) => {
    for (const { value, variants } of known) if (variants.some((variant) => line.includes(variant))) found.push(`line ${index + 1}: ${masked(value)} (entered by the run)`);
    for (const { kind, value } of findPersonalData(line)) found.push(`line ${index + 1}: ${masked(value)} (${kind})`);
  });
  return found;
}

/** Fails with where (line numbers, masked values) personal data reached the logs. */
export function expectNoPersonalData(lines: readonly string[], values: readonly string[]): void {
  if (lines.length === 0) throw new Error('no log lines captured: the check would prove nothing');
  const found = personalDataIn(lines, values);
  if (found.length > 0) throw new Error(`personal data in the logs (${found.length}):\n${found.slice(0, 50).join('\n')}`);
}
