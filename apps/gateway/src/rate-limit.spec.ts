import { ANONYMOUS } from '@cz/auth';
import { getOperationAST, parse } from 'graphql';
import { rateCharge, rateLimitedRefusal } from './rate-limit';

const limits = { mutations: { max: 600, windowSeconds: 60 }, publicMutations: { max: 30, windowSeconds: 3600 } };
const city = { subject: 'u-city', role: 'CITY_BUREAU' as const, sourceAddress: '10.0.0.1' };

function chargeFor(identity: Parameters<typeof rateCharge>[0], source: string) {
  const document = parse(source);
  return rateCharge(identity, document, getOperationAST(document)!, limits);
}

describe('rateCharge', () => {
  it('leaves queries alone', () => {
    expect(chargeFor(city, '{ parks { totalCount } }')).toBeUndefined();
  });

  it('charges a signed-in person by subject, whatever address they come from', () => {
    expect(chargeFor(city, 'mutation { openPublicity(id: "a") { id } }')).toEqual({ key: 'mutation:u-city', limit: limits.mutations, cost: 1 });
    expect(chargeFor({ ...city, sourceAddress: '10.9.9.9' }, 'mutation { openPublicity(id: "a") { id } }')?.key).toBe('mutation:u-city');
  });

  it('charges the public by client address, from the public budget', () => {
    expect(chargeFor({ ...ANONYMOUS, sourceAddress: '203.0.113.7' }, 'mutation { fileObjection(input: {}) { id } }')).toEqual({ key: 'public:203.0.113.7', limit: limits.publicMutations, cost: 1 });
  });

  it('counts every mutation field of a request, aliases and fragments included', () => {
    const batched = `mutation { a: fileObjection(input: {}) { id } b: fileObjection(input: {}) { id } ... on Mutation { c: fileObjection(input: {}) { id } } ...More __typename }
      fragment More on Mutation { d: fileObjection(input: {}) { id } }`;
    expect(chargeFor(ANONYMOUS, batched)?.cost).toBe(4);
  });
});

describe('rateLimitedRefusal', () => {
  it('tells when to retry, in the body and as a Retry-After header with status 429', () => {
    const refusal = rateLimitedRefusal(42, limits.mutations);
    expect(refusal.code).toBe('RATE_LIMITED');
    expect(refusal.message).toBe('操作过于频繁：每 60 秒最多 600 次提交，请 42 秒后重试');
    expect(refusal.details).toEqual({ retryAfterSeconds: 42 });
    expect(refusal.extensions.http).toEqual({ status: 429, headers: new Map([['retry-after', '42']]) });
  });
});
