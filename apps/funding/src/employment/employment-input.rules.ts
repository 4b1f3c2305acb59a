import { BadUserInputError } from '@cz/errors';
import { text } from '@cz/policy';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A count of people: a non-negative integer (GraphQL Int already keeps it within 32 bits). */
export function headcount(field: string, value: number, label: string): number {
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError(field, `${label}必须是不小于 0 的整数`);
  return value;
}

/** A year the tables accept; `last` narrows it (a report is for a year already begun). */
export function year(field: string, value: number, last = LAST_YEAR): number {
  if (!Number.isInteger(value) || value < FIRST_YEAR || value > last) throw new BadUserInputError(field, `年度必须是 ${FIRST_YEAR} 到 ${last} 之间的整数`, { last });
  return value;
}

export function returnReason(field: string, value: string | null | undefined): string {
  if (!value?.trim()) throw new BadUserInputError(field, '退回报告时必须填写理由');
  return text(field, value, '退回理由', { min: 1, max: 500, multiline: true });
}
