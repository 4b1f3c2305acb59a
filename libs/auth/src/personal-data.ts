import { BadUserInputError } from '@cz/errors';

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

/**
 * A resident ID number (居民身份证号码, 18 characters; the old 15-digit form too) keeps its first 4
 * (province and city of registration, shared by millions) and its last 4 (so a clerk can match it
 * against a document in hand): 140403199001011234 → 1404**********1234. The birth date and the
 * county, which together with a name identify a person, are hidden. Anything shorter is hidden whole.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.replace(/\s/g, ''));
  if (chars.length < 12) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/** An e-mail address keeps its first character and its domain: zhang.san@example.cn → z***@example.cn. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email.slice(0, at))[0]}***${email.slice(at)}`;
}

/** A contact that may be a mobile, a landline or an e-mail address (an objection's filer gives any one). */
export function maskContact(contact: string): string {
  return contact.includes('@') ? maskEmail(contact.trim()) : maskPhone(contact);
}

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';

/**
 * Shapes of personal data in free text: resident ID numbers (with a plausible birth date), mainland
 * mobile numbers (optionally +86, optionally split by spaces or dashes), landlines with an area
 * code, and e-mail addresses. Bounded by non-alphanumerics, so uuids and millisecond timestamps
 * (13 digits) are not mistaken for phone numbers.
 */
const PERSONAL_DATA_SHAPES: ReadonlyArray<{ kind: string; pattern: RegExp; mask: (found: string) => string }> = [
  { kind: 'idNumber', pattern: new RegExp(`${NOT_ALNUM_BEFORE}\\d{6}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${NOT_ALNUM_AFTER}`, 'g'), mask: maskIdNumber },
  { kind: 'mobile', pattern: new RegExp(`${NOT_ALNUM_BEFORE}(?:\\+?86[- ]?)?1[3-9]\\d(?:[- ]?\\d{4}){2}${NOT_ALNUM_AFTER}`, 'g'), mask: maskPhone },
  { kind: 'landline', pattern: new RegExp(`(?<![0-9A-Za-z-])0\\d{2,3}-\\d{7,8}${NOT_ALNUM_AFTER}`, 'g'), mask: maskPhone },
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, mask: maskEmail },
];

/** Every piece of text that looks like personal data, with its kind (for log checks). */
export function findPersonalData(text: string): Array<{ kind: string; value: string }> {
  return PERSONAL_DATA_SHAPES.flatMap(({ kind, pattern }) => Array.from(text.matchAll(pattern), (match) => ({ kind, value: match[0] })));
}

/**
 * Masks whatever looks like personal data in free text (an error message from a mail relay or a
 * database): the last line of defence for text whose content the code does not control.
 */
export function scrubPersonalData(text: string): string {
  return PERSONAL_DATA_SHAPES.reduce((scrubbed, { pattern, mask }) => scrubbed.replace(pattern, (found) => mask(found)), text);
}

export const REVEAL_REASON_MIN = 4;
export const REVEAL_REASON_MAX = 200;

/**
 * Why an entitled user looks at personal data unmasked: recorded with the access, so the purpose
 * of every disclosure can be checked later (PIPL art. 6: only as far as the purpose needs).
 */
export function revealReason(reason: string, field = 'reason'): string {
  const trimmed = reason.trim();
  const length = Array.from(trimmed).length;
  if (length < REVEAL_REASON_MIN || length > REVEAL_REASON_MAX || !/[\p{L}\p{N}]/u.test(trimmed)) {
    throw new BadUserInputError(field, `请说明查看个人信息的理由（${REVEAL_REASON_MIN}–${REVEAL_REASON_MAX} 个字）`, { min: REVEAL_REASON_MIN, max: REVEAL_REASON_MAX });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new BadUserInputError(field, '查看理由不能包含控制字符');
  return trimmed;
}
