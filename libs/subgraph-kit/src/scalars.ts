import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days the platform deals in. Anything outside is a typing mistake (0202-03-18, 9999-12-31),
 * and PostgreSQL has no year 0 to store one in: refused here rather than as an SQL error.
 */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2100-12-31';

/** A real day written YYYY-MM-DD (no 2026-02-30). */
function isCalendarDay(value: unknown): value is string {
  return typeof value === 'string' && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

function invalidInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** An input day: a real day, within the platform's range (ISO days compare as strings). */
export function parseDate(value: unknown): string {
  if (!isCalendarDay(value)) throw invalidInput('日期格式必须是 YYYY-MM-DD，且须是真实存在的日期');
  if (value < FIRST_DAY || value > LAST_DAY) throw invalidInput(`日期必须在 ${FIRST_DAY} 至 ${LAST_DAY} 之间`);
  return value;
}

/** A calendar day in Asia/Shanghai, as YYYY-MM-DD: no time, no zone to get wrong. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 (YYYY-MM-DD, 北京时间)',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (isCalendarDay(value)) return value;
    throw new GraphQLError('Date must be serialised from a Date or a YYYY-MM-DD string');
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** An instant, ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: '时间点 (ISO 8601)',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('无效的时间');
    return date.toISOString();
  },
  parseValue: (value) => {
    const date = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw invalidInput('时间格式必须是 ISO 8601');
    return date;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) throw invalidInput('时间格式必须是 ISO 8601');
    return new Date(ast.value);
  },
});
