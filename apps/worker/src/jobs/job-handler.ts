import type { Logger } from '@cz/logging';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';

/** What every handler may use. Handlers get their I/O from here, never from module state. */
export interface JobDeps {
  redis: Redis;
  queuePrefix: string;
  logger: Logger;
  /** Longest expected wait between two heartbeats, from HEARTBEAT_PATTERN. */
  heartbeatIntervalMs: number;
}

/**
 * One job's work. It must be safe to run twice: BullMQ delivers at least once (a stalled job is
 * retried), so a handler re-reads the state and does nothing when the work is already done.
 */
export type JobHandler = (job: Job, deps: JobDeps) => Promise<unknown>;
