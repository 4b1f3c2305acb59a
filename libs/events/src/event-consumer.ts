import { type EventEnvelope, eventQueueName, type EventType, type ServiceName } from '@cz/queue-contracts';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';

export type EventHandler<T extends EventType = EventType> = (event: EventEnvelope<T>, manager: EntityManager) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * Applies one delivered event at most once: the inbox row and the handler's changes commit in the
 * same transaction, so a redelivery finds the inbox row and does nothing, and a failed handler
 * leaves no inbox row and is retried. Returns whether the event was applied now.
 */
export async function applyEventOnce(dataSource: DataSource, schema: string, event: EventEnvelope, handler: EventHandler): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${schema}"."inbox_event" ("event_id", "type", "source") VALUES ($1, $2, $3) ON CONFLICT ("event_id") DO NOTHING RETURNING "event_id"`,
      [event.id, event.type, event.source],
    );
    if (inserted.length === 0) return false;
    await handler(event, manager);
    return true;
  });
}

export interface EventConsumerOptions {
  dataSource: DataSource;
  service: ServiceName;
  schema: string;
  connection: Redis;
  queuePrefix: string;
  handlers: EventHandlers;
  onError?: (error: unknown, job?: Job) => void;
}

export function startEventConsumer(options: EventConsumerOptions): Worker {
  const worker = new Worker(
    eventQueueName(options.service),
    async (job: Job<EventEnvelope>) => {
      const handler = options.handlers[job.data.type] as EventHandler | undefined;
      // An event this service does not handle is a routing mistake: fail loudly rather than drop it.
      if (!handler) throw new Error(`${options.service} has no handler for ${job.data.type}`);
      return applyEventOnce(options.dataSource, options.schema, job.data, handler);
    },
    { connection: options.connection, prefix: options.queuePrefix, concurrency: 4 },
  );
  worker.on('failed', (job, error) => options.onError?.(error, job));
  worker.on('error', (error) => options.onError?.(error));
  return worker;
}
