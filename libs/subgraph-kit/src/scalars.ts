import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value === 'string' && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) {
    return value;
  }
  throw new GraphQLError('日期格式必须是 YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A calendar day in Asia/Shanghai, as YYYY-MM-DD: no time, no zone to get wrong. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 (YYYY-MM-DD, 北京时间)',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
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
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new GraphQLError('时间格式必须是 ISO 8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return date;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) throw new GraphQLError('时间格式必须是 ISO 8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return new Date(ast.value);
  },
});
