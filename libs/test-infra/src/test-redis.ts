import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '@cz/config';
import IORedis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? LOCAL_DEFAULTS.redisUrl;

/** A queue prefix of its own per test file, so parallel runs never see each other's jobs. */
export function testQueuePrefix(label: string): string {
  return `t-${label.replace(/[^a-z0-9]/g, '-')}-${randomBytes(4).toString('hex')}`;
}

/** Removes every key under a test's queue prefix. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
