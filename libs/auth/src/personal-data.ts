/**
 * Art 17 masking: keep enough to recognise a number, hide enough to protect it.
 * Mobile numbers keep the first 3 and last 4 digits (138****5678); anything else keeps its last 4.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** A person's name keeps its family name: 张三丰 → 张**. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
