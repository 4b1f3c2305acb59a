import { BadUserInputError } from '@cz/errors';
import { contact, text, type TextLimits } from '@cz/policy';
import { isUuid } from '@cz/subgraph-kit';

/** A notice may be dated back at most this many days (a period recorded a little late), never ahead. */
export const MAX_POSTED_DAYS_AGO = 30;
/** Art 7(三) sets a floor only; a period longer than this is taken for a typing mistake. */
export const MAX_PUBLICITY_WORKING_DAYS = 60;
export const MAX_APPLICATIONS_PER_PUBLICITY = 100;
export const OBJECTION_REASON_LENGTH = { min: 10, max: 2000 } as const;

/** The shared text rule, in the argument order of the publicity forms. */
export function validText(field: string, label: string, value: string, limits: TextLimits): string {
  return text(field, value, label, limits);
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
  // An empty string is malformed too: test what `find` found, not whether it is truthy.
  const malformed = unique.find((id) => !isUuid(id));
  if (malformed !== undefined) throw new BadUserInputError('applicationIds', `申报不存在：${malformed}`, { applicationId: malformed });
  return unique;
}

/** A mobile number, a landline (区号-号码[-分机]) or an e-mail address, trimmed. */
export function validContact(value: string): string {
  return contact('contact', value);
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
