import { deleteQueueKeys, TEST_REDIS_URL, testQueuePrefix } from '@cz/testing';
import IORedis from 'ioredis';
import { RedisRateLimiter } from './rate-limit';

describe('RedisRateLimiter (real Redis)', () => {
  const prefix = testQueuePrefix('gateway-rate');
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const limiter = new RedisRateLimiter(redis, prefix);
  const limit = { max: 3, windowSeconds: 30 };

  afterAll(async () => {
    await deleteQueueKeys(prefix);
    redis.disconnect();
  });

  it('allows up to the limit in a window, then refuses with the seconds left', async () => {
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.spend({ key: 'mutation:u1', limit, cost: 1 }));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[3].retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('keeps each key its own budget, and lets every key expire with its window', async () => {
    expect((await limiter.spend({ key: 'mutation:u2', limit, cost: 1 })).allowed).toBe(true);
    const ttl = await redis.ttl(`${prefix}:rate:mutation:u2`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('spends several mutations of one request at once', async () => {
    expect((await limiter.spend({ key: 'public:203.0.113.9', limit, cost: 3 })).allowed).toBe(true);
    expect((await limiter.spend({ key: 'public:203.0.113.9', limit, cost: 1 })).allowed).toBe(false);
    expect((await limiter.spend({ key: 'public:203.0.113.10', limit, cost: 4 })).allowed).toBe(false);
  });

  it('shares the budget between gateway replicas (two clients, one Redis)', async () => {
    const other = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    try {
      const replicaB = new RedisRateLimiter(other, prefix);
      await limiter.spend({ key: 'mutation:u3', limit, cost: 2 });
      expect((await replicaB.spend({ key: 'mutation:u3', limit, cost: 1 })).allowed).toBe(true);
      expect((await limiter.spend({ key: 'mutation:u3', limit, cost: 1 })).allowed).toBe(false);
    } finally {
      other.disconnect();
    }
  });
});
