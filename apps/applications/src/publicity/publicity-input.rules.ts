import { BadUserInputError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';

/** A notice may be dated back at most this many days (a period recorded a little late), never ahead. */
export const MAX_POSTED_DAYS_AGO = 30;
/** Art 7(三) sets a floor only; a period longer than this is taken for a typing mistake. */
export const MAX_PUBLICITY_WORKING_DAYS = 60;
export const MAX_APPLICATIONS_PER_PUBLICITY = 100;
export const OBJECTION_REASON_LENGTH = { min: 10, max: 2000 } as const;

/** C0/C1 control characters; line breaks and tabs are text in a reason or a resolution. */
function hasControlCharacter(text: string, multiline: boolean): boolean {
  return Array.from(text).some((char) => {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    return control && !(multiline && (char === '\n' || char === '\r' || char === '\t'));
  });
}
const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Trimmed text of a bounded length; `multiline` admits line breaks and tabs, nothing else of C0/C1. */
export function validText(field: string, label: string, value: string, { min, max, multiline }: { min: number; max: number; multiline: boolean }): string {
  const text = value.trim();
  const length = Array.from(text).length;
  if (length < min || length > max) throw new BadUserInputError(field, min <= 1 ? `${label}不能为空，且不超过 ${max} 个字` : `${label}应为 ${min}–${max} 个字`, { min, max, length });
  if (hasControlCharacter(text, multiline)) throw new BadUserInputError(field, `${label}含有不可见的控制字符`);
  return text;
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** The day of posting: not in the future, and not more than MAX_POSTED_DAYS_AGO before today. */
export function validPostedOn(postedOn: string, today: string): string {
  if (postedOn > today) throw new BadUserInputError('postedOn', '公示发布日期不能晚于今天', { today });
  if (dayNumber(today) - dayNumber(postedOn) > MAX_POSTED_DAYS_AGO) throw new BadUserInputError('postedOn', `公示发布日期不能早于 ${MAX_POSTED_DAYS_AGO} 天前`, { today });
  return postedOn;
}

export function validWorkingDaysShape(workingDays: number): number {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_PUBLICITY_WORKING_DAYS) {
    throw new BadUserInputError('workingDays', `公示工作日数应为 1–${MAX_PUBLICITY_WORKING_DAYS} 之间的整数`, { max: MAX_PUBLICITY_WORKING_DAYS });
  }
  return workingDays;
}

export function validApplicationIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new BadUserInputError('applicationIds', '请至少选择一个申报');
  if (unique.length > MAX_APPLICATIONS_PER_PUBLICITY) throw new BadUserInputError('applicationIds', `一次公示最多 ${MAX_APPLICATIONS_PER_PUBLICITY} 个申报`);
  const malformed = unique.find((id) => !isUuid(id));
  if (malformed) throw new BadUserInputError('applicationIds', `申报不存在：${malformed}`, { applicationId: malformed });
  return unique;
}

/** A mobile number, a landline (区号-号码[-分机]) or an e-mail address, as the filer typed it (trimmed). */
export function validContact(contact: string): string {
  const text = contact.trim();
  const digits = text.replace(/[\s-]/g, '');
  const valid = text.length <= 100 && (MOBILE.test(digits) || LANDLINE.test(text.replace(/\s/g, '')) || EMAIL.test(text));
  if (!valid) throw new BadUserInputError('contact', '请填写有效的手机号码、固定电话（如 0355-2021234）或电子邮箱');
  return text;
}

export interface ObjectionInput {
  filerName?: string | null;
  contact: string;
  reason: string;
}

export function validObjection(input: ObjectionInput): { filerName: string | null; contact: string; reason: string } {
  const filerName = input.filerName?.trim() ? validText('filerName', '姓名', input.filerName, { min: 1, max: 50, multiline: false }) : null;
  return {
    filerName,
    contact: validContact(input.contact),
    reason: validText('reason', '异议理由', input.reason, { ...OBJECTION_REASON_LENGTH, multiline: true }),
  };
}
