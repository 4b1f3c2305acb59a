import { GraphQLError } from 'graphql';
import { parseValue } from 'graphql/language';
import { MoneyScalar } from './money.scalar';

describe('Money scalar', () => {
  it('accepts integer fen as a decimal string', () => {
    expect(MoneyScalar.parseValue('80000000')).toBe('80000000');
    expect(MoneyScalar.parseValue('0')).toBe('0');
    expect(MoneyScalar.parseValue('-100')).toBe('-100');
    expect(MoneyScalar.parseLiteral(parseValue('"80000000"'))).toBe('80000000');
  });

  it('refuses numbers, fractions, exponents and empty strings', () => {
    for (const value of [80000000, '1.5', '1e3', '', '-', ' 1', '80,000']) {
      expect(() => MoneyScalar.parseValue(value)).toThrow(GraphQLError);
    }
    expect(() => MoneyScalar.parseLiteral(parseValue('80000000'))).toThrow(GraphQLError);
  });

  it('refuses amounts beyond the limit, in either direction', () => {
    for (const value of ['1000000000001', '-1000000000001', '99999999999999999999']) {
      expect(() => MoneyScalar.parseValue(value)).toThrow(/超出|金额/);
    }
    expect(MoneyScalar.parseValue('1000000000000')).toBe('1000000000000');
  });

  it('says what is wrong in Chinese, as a user input error', () => {
    try {
      MoneyScalar.parseValue(1.5);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as GraphQLError).message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('serialises a bigint string unchanged, and refuses a float', () => {
    expect(MoneyScalar.serialize('80000000')).toBe('80000000');
    expect(MoneyScalar.serialize('9223372036854775807')).toBe('9223372036854775807');
    expect(MoneyScalar.serialize(80_000_000n)).toBe('80000000');
    expect(() => MoneyScalar.serialize(0.1)).toThrow();
  });
});
