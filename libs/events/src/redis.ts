import IORedis, { type Redis } from 'ioredis';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on the connections its workers block on; a finite
 * retry count makes a worker throw and stop on a Redis hiccup instead of waiting it out.
 */
export function createRedisConnection(url: string): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
