import { type EventEnvelope, eventQueueName, type EventType, type ServiceName, subscribersOf } from '@cz/queue-contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  service: ServiceName;
  schema: string;
  connection: Redis;
  queuePrefix: string;
  pollIntervalMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

interface OutboxRow {
  id: string;
  type: EventType;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Moves committed outbox rows to the subscribers' queues, the event id as job id. A crash between
 * enqueueing and marking published re-sends the event: the consumers' inbox makes that harmless.
 */
export class OutboxRelay {
  private readonly queues = new Map<ServiceName, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.relayPending()
        .then(() => undefined)
        .catch((error) => this.options.onError?.(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollIntervalMs ?? 250);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  /** Relays one batch; returns how many events it published. */
  async relayPending(): Promise<number> {
    const { dataSource, schema, service } = this.options;
    return dataSource.transaction(async (manager) => {
      // SKIP LOCKED lets two relay instances share the work without sending a row twice at once.
      const rows: OutboxRow[] = await manager.query(
        `SELECT "id", "type", "aggregate_id", "payload", "occurred_at" FROM "${schema}"."outbox_event"
          WHERE "published_at" IS NULL ORDER BY "occurred_at", "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 100],
      );
      if (rows.length === 0) return 0;
      for (const row of rows) {
        const envelope: EventEnvelope = { id: row.id, type: row.type, source: service, aggregateId: row.aggregate_id, occurredAt: row.occurred_at.toISOString(), payload: row.payload as EventEnvelope['payload'] };
        for (const subscriber of subscribersOf(row.type)) {
          await this.queueFor(subscriber).add(row.type, envelope, {
            jobId: row.id,
            attempts: 10,
            backoff: { type: 'exponential', delay: 1000 },
            // Completed ids are kept a week, so a re-send within that time is deduplicated by BullMQ too.
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: false,
          });
        }
      }
      await manager.query(`UPDATE "${schema}"."outbox_event" SET "published_at" = now() WHERE "id" = ANY($1)`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private queueFor(service: ServiceName): Queue {
    let queue = this.queues.get(service);
    if (!queue) {
      queue = new Queue(eventQueueName(service), { connection: this.options.connection, prefix: this.options.queuePrefix });
      this.queues.set(service, queue);
    }
    return queue;
  }
}
