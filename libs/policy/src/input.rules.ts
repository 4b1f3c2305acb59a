import { BadUserInputError } from '@cz/errors';

/**
 * The input rules every form of the platform shares (text, county code, phone, e-mail), so that a
 * value one service accepts is never refused by another that later receives it.
 */

// C0 and C1 control characters and DEL: invisible on screen, and they break exports and logs.
const CONTROL = /\p{Cc}/u;
// Half of a UTF-16 surrogate pair: no character at all. PostgreSQL refuses it in jsonb (the
// outbox and audit rows) and the database driver would store U+FFFD in its place elsewhere.
const LONE_SURROGATE = /\p{Cs}/u;
// Long texts (reasons, findings) keep their paragraphs.
const LINE_BREAKS_AND_TABS = /[\t\n\r]/g;
const COUNTY_CODE = /^\d{6}$/;
// 11 digits from 13x to 19x, optionally with the country code; hyphens and spaces are grouping only.
const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
// 区号-号码[-分机]: a 3- or 4-digit area code starting with 0, 7 or 8 digits, an optional extension.
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
// The longest form either pattern admits, 0355-12345678-123456; what a phone column holds.
const PHONE_MAX_LENGTH = 20;
// Deliberately plain: the mail relay is the real judge of an address; this catches typing mistakes.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/;
const EMAIL_MAX_LENGTH = 254;
// A contact a person types into a public form; what the columns that keep one hold.
const CONTACT_MAX_LENGTH = 100;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface TextLimits {
  /** Characters (code points, so 中文 counts one each) after trimming. */
  min: number;
  max: number;
  /** Admits line breaks and tabs, for long texts; nothing else of the control characters. */
  multiline?: boolean;
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A text as forms take it: trimmed, `min`..`max` characters, no control characters. Returns the trimmed text. */
export function text(field: string, value: string, label: string, { min, max, multiline = false }: TextLimits): string {
  const trimmed = asString(value).trim();
  if (trimmed === '' && min > 0) throw new BadUserInputError(field, `${label}不能为空`, { min, max });
  if (CONTROL.test(multiline ? trimmed.replace(LINE_BREAKS_AND_TABS, '') : trimmed)) throw new BadUserInputError(field, `${label}含有不允许的控制字符`);
  if (LONE_SURROGATE.test(trimmed)) throw new BadUserInputError(field, `${label}含有无效的字符（不完整的 Unicode 编码）`);
  const length = Array.from(trimmed).length;
  if (length < min || length > max) {
    throw new BadUserInputError(field, min <= 1 ? `${label}不能超过 ${max} 个字符` : `${label}长度必须在 ${min} 到 ${max} 个字符之间`, { min, max, length });
  }
  return trimmed;
}

/** A county or development-zone code (GB/T 2260): six digits. */
export function countyCode(field: string, value: string): string {
  if (!COUNTY_CODE.test(asString(value))) throw new BadUserInputError(field, '县区代码必须是 6 位行政区划代码');
  return value;
}

function isPhone(compact: string): boolean {
  return compact.length <= PHONE_MAX_LENGTH && (MOBILE.test(compact.replace(/-/g, '')) || LANDLINE.test(compact));
}

function isEmail(address: string): boolean {
  return address.length <= EMAIL_MAX_LENGTH && EMAIL.test(address);
}

/**
 * A mobile number (optionally +86, hyphens allowed) or a landline (区号-号码, optionally -分机).
 * Returns it without spaces, as it is stored and masked.
 */
export function phone(field: string, value: string): string {
  const compact = asString(value).replace(/\s/g, '');
  if (!isPhone(compact)) throw new BadUserInputError(field, '电话号码格式不正确（手机号 11 位，可加 +86；或 区号-座机号，可加 -分机号）');
  return compact;
}

/** An e-mail address, trimmed. */
export function email(field: string, value: string): string {
  const address = asString(value).trim();
  if (!isEmail(address)) throw new BadUserInputError(field, '电子邮箱格式不正确');
  return address;
}

/** A phone number (see `phone`, returned without spaces) or an e-mail address (trimmed), at most 100 characters. */
export function contact(field: string, value: string): string {
  const trimmed = asString(value).trim();
  const compact = trimmed.replace(/\s/g, '');
  if (Array.from(trimmed).length <= CONTACT_MAX_LENGTH) {
    if (isPhone(compact)) return compact;
    if (isEmail(trimmed)) return trimmed;
  }
  throw new BadUserInputError(field, '请填写有效的手机号码、固定电话（如 0355-2021234）或电子邮箱');
}

/** The UTC midnight of a real YYYY-MM-DD day, or undefined for text that names no day (2027-02-30). */
export function isoDay(value: string): Date | undefined {
  const match = ISO_DAY.exec(asString(value));
  if (!match) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === value ? day : undefined;
}

/** A real day written YYYY-MM-DD. */
export function isoDate(field: string, value: string, label: string): string {
  if (!isoDay(value)) throw new BadUserInputError(field, `${label}必须是有效日期（YYYY-MM-DD）`, { value });
  return value;
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** 统一社会信用代码: 18 digits or capital letters, without I, O, S, V and Z (GB 32100). */
export function creditCode(field: string, value: string): string {
  const code = (typeof value === 'string' ? value.trim() : '').toUpperCase();
  if (!CREDIT_CODE.test(code)) throw new BadUserInputError(field, '统一社会信用代码必须是 18 位数字或大写字母（不含 I、O、S、V、Z）');
  return code;
}

/** A day (YYYY-MM-DD) that may not lie after `today` (the Shanghai date of the service clock). */
export function notInFuture(field: string, day: string, today: string, label: string): string {
  if (day > today) throw new BadUserInputError(field, `${label}不能晚于今天（${today}）`, { today });
  return day;
}

/** A required form field (at least one character), the positional form most forms use. */
export function requiredText(field: string, value: string, label: string, max: number, multiline = false): string {
  return text(field, value, label, { min: 1, max, multiline });
}
