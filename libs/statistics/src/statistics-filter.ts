import { type Identity, type Operation, requireListFilter } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { BadUserInputError, ForbiddenError } from '@cz/errors';
import { countyCode as validCountyCode } from '@cz/policy';

/** The years the services' tables accept (their CHECK constraints): a range outside them can only be a typing mistake. */
export const FIRST_STATISTICS_YEAR = 2000;
export const LAST_STATISTICS_YEAR = 2100;
/** Without a range, statistics cover this many years up to the current one: a decade is the trend a bureau reads. */
export const DEFAULT_YEAR_SPAN = 10;

/** What a caller may ask for; every part optional. */
export interface StatisticsInput {
  fromYear?: number | null;
  toYear?: number | null;
  countyCode?: string | null;
}

export interface YearRange {
  fromYear: number;
  toYear: number;
}

/**
 * What a statistics query covers, once authorised and validated: both ends of the year range
 * (inclusive), the county or null for the whole city, and the instant "overdue" is judged at.
 */
export interface StatisticsFilter extends YearRange {
  countyCode: string | null;
  asOf: Date;
}

function statisticsYear(field: 'fromYear' | 'toYear', value: number): number {
  if (!Number.isInteger(value) || value < FIRST_STATISTICS_YEAR || value > LAST_STATISTICS_YEAR) {
    throw new BadUserInputError(field, `统计年度必须是 ${FIRST_STATISTICS_YEAR} 到 ${LAST_STATISTICS_YEAR} 之间的整数`, { value });
  }
  return value;
}

/**
 * The years asked for, inclusive. Missing ends default to the last ten years up to `currentYear`:
 * only `fromYear` runs to the current year (or to `fromYear` itself when that lies ahead), only
 * `toYear` reaches back ten years.
 */
export function yearRange(input: Pick<StatisticsInput, 'fromYear' | 'toYear'>, currentYear: number): YearRange {
  const from = input.fromYear == null ? null : statisticsYear('fromYear', input.fromYear);
  const to = input.toYear == null ? null : statisticsYear('toYear', input.toYear);
  const toYear = to ?? Math.max(from ?? currentYear, currentYear);
  const fromYear = from ?? Math.max(FIRST_STATISTICS_YEAR, toYear - DEFAULT_YEAR_SPAN + 1);
  if (fromYear > toYear) throw new BadUserInputError('fromYear', '起始年度不能晚于截止年度', { fromYear, toYear });
  return { fromYear, toYear };
}

/**
 * The county an aggregate covers, or null for the whole city. A role with no access at all is
 * refused; a county bureau is held to its own county (asking for another is refused, never
 * silently replaced); every other entitled role may narrow to any county.
 */
export function countyInScope(identity: Identity, operation: Operation, requested: string | null | undefined): string | null {
  const scope = requireListFilter(identity, operation);
  if (requested != null) validCountyCode('countyCode', requested);
  if (scope.kind === 'all') return requested ?? null;
  if (scope.kind === 'county' && (requested == null || requested === scope.countyCode)) return scope.countyCode;
  throw new ForbiddenError('只能查看本县区的汇总数据', { operation, countyCode: requested });
}

/**
 * The one gate of every statistics query and export ('statistics.read'): who may ask, for which
 * county, over which years. `now` is the service clock; the current year is Beijing's.
 */
export function statisticsFilter(identity: Identity, input: StatisticsInput, now: Date): StatisticsFilter {
  const countyCode = countyInScope(identity, 'statistics.read', input.countyCode);
  const currentYear = Number(shanghaiDate(now).slice(0, 4));
  return { ...yearRange(input, currentYear), countyCode, asOf: now };
}
