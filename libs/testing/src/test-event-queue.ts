import { randomUUID } from 'node:crypto';
import { createRedisConnection } from '@cz/events';
import { type EventEnvelope, eventQueueName, type ParkProfileChangedPayload, type ServiceName } from '@cz/queue-contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { TEST_REDIS_URL, waitFor } from '@cz/test-infra';

/** An event as the registry's relay would send it, with a fresh event id. */
export function parkProfileChangedEvent(payload: ParkProfileChangedPayload): EventEnvelope<'registry.park-profile-changed'> {
  return { id: randomUUID(), type: 'registry.park-profile-changed', source: 'registry', aggregateId: payload.parkId, occurredAt: new Date().toISOString(), payload };
}

/** A service's real inbound event queue, for delivering events in tests exactly as the relay does. */
export class TestEventQueue {
  private constructor(
    private readonly redis: Redis,
    private readonly queue: Queue,
  ) {}

  static open(service: ServiceName, queuePrefix: string): TestEventQueue {
    const redis = createRedisConnection(TEST_REDIS_URL);
    return new TestEventQueue(redis, new Queue(eventQueueName(service), { connection: redis, prefix: queuePrefix }));
  }

  /**
   * Adds the event as a job (the event id is the job id unless a redelivery names another), waits
   * until the service's consumer has finished it, and returns whether it was applied then.
   */
  async deliver(envelope: EventEnvelope, jobId: string = envelope.id): Promise<boolean> {
    await this.queue.add(envelope.type, envelope, { jobId });
    return waitFor(async () => {
      const state = await this.queue.getJobState(jobId);
      if (state !== 'completed' && state !== 'failed') return undefined;
      // Read the job after it finished: a copy fetched earlier still has no return value.
      const job = await this.queue.getJob(jobId);
      if (state === 'failed') throw new Error(`job ${jobId} failed: ${job?.failedReason}`);
      return job?.returnvalue as boolean;
    }, `event job ${jobId} to complete`);
  }

  async close(): Promise<void> {
    await this.queue.close();
    // A Queue leaves a connection it was given open.
    this.redis.disconnect();
  }
}
