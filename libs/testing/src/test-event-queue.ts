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
    const finished = await waitFor(async () => {
      const state = await this.queue.getJobState(jobId);
      return state === 'completed' || state === 'failed' ? state : undefined;
    }, `event job ${jobId} to finish`);
    // Read the job after it finished: a copy fetched earlier still has no return value. A failure is
    // reported at once, not after waitFor's timeout (waitFor treats a throwing probe as "not yet").
    const job = await this.queue.getJob(jobId);
    if (finished === 'failed') throw new Error(`job ${jobId} failed: ${job?.failedReason}`);
    return job?.returnvalue as boolean;
  }

  async close(): Promise<void> {
    await this.queue.close();
    // A Queue leaves a connection it was given open.
    this.redis.disconnect();
  }
}
