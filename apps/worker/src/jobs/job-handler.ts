import type { Logger } from '@cz/logging';
import type { Clock } from '@cz/runtime';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeadlineSource } from '../deadlines/deadline-sources';
import type { WorkerQueues } from '../job-schedules';
import type { ServiceEndpoint } from '../service-call';

/** What every handler may use. Handlers get their I/O from here, never from module state. */
export interface JobDeps {
  redis: Redis;
  queuePrefix: string;
  logger: Logger;
  /** Longest expected wait between two heartbeats, from HEARTBEAT_PATTERN. */
  heartbeatIntervalMs: number;
  /** The worker's now, shifted by CLOCK_OFFSET_MS like the services' clocks, so "due" means the same to both. */
  clock: Clock;
  /** For handlers that fan out into jobs of their own. */
  queues: WorkerQueues;
  /** The services that own deadlines, by name. */
  deadlineSources: readonly DeadlineSource[];
  /** Pause between two recipients of a deadline's fan-out (REMINDER_SEND_INTERVAL_MS). */
  reminderSendIntervalMs: number;
  /** The assessment service, which opens the yearly cycles. */
  assessment: ServiceEndpoint;
  /** Signs the SYSTEM identity of subgraph calls (the first of INTERNAL_IDENTITY_KEYS). */
  signingKey: string;
}

/**
 * One job's work. It must be safe to run twice: BullMQ delivers at least once (a stalled job is
 * retried), so a handler re-reads the state and does nothing when the work is already done.
 */
export type JobHandler = (job: Job, deps: JobDeps) => Promise<unknown>;
