import { DomainError } from '@cz/errors';
import { parseFen } from '@cz/policy';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const INTEGER = /^-?\d+$/;

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Only a string of digits, optionally negative (a reversal), bounded like parseFen: a JSON number
 * has already been through a float, so it is refused rather than trusted.
 */
export function parseMoney(value: unknown): string {
  if (typeof value !== 'string' || !INTEGER.test(value)) throw invalid('金额必须是以“分”为单位的整数，并以字符串表示（如 "80000000"）');
  const negative = value.startsWith('-');
  try {
    const fen = parseFen('amount', negative ? value.slice(1) : value);
    return (negative ? -fen : fen).toString();
  } catch (error) {
    throw error instanceof DomainError ? invalid(error.message) : error;
  }
}

/** Integer fen as a decimal string (金额（分）). */
export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: '金额（分），以十进制整数字符串表示',
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'string' && INTEGER.test(value)) return value;
    // A resolver handed over a float or garbage: an internal bug, never rounded into a payment.
    throw new GraphQLError('Money must be serialised from integer fen (bigint or decimal string)');
  },
  parseValue: parseMoney,
  parseLiteral: (ast) => parseMoney(ast.kind === Kind.STRING ? ast.value : undefined),
});
