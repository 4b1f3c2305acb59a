import type { Redis } from 'ioredis';
import { heartbeatTtlSeconds } from '../heartbeat-health';
import type { JobHandler } from './job-handler';

export const heartbeatKey = (queuePrefix: string) => `${queuePrefix}:worker:last-heartbeat`;

/**
 * Records that the scheduler fired and a worker ran the job, for /ready. Running it twice only
 * moves the timestamp. The TTL outlasts the staleness limit, so an old key never looks fresh and
 * a worker that is gone for good leaves nothing behind.
 */
export const heartbeatJob: JobHandler = async (_job, { redis, queuePrefix, heartbeatIntervalMs }) => {
  const at = new Date().toISOString();
  await redis.set(heartbeatKey(queuePrefix), at, 'EX', heartbeatTtlSeconds(heartbeatIntervalMs));
  return { at };
};

export async function readLastHeartbeat(redis: Redis, queuePrefix: string): Promise<Date | undefined> {
  const value = await redis.get(heartbeatKey(queuePrefix));
  return value ? new Date(value) : undefined;
}
