import type { EventPayloads, EventType } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';

/**
 * Writes a domain event into the service's outbox through the caller's transaction manager, so
 * the event exists exactly when the state change that caused it commits.
 */
export async function recordEvent<T extends EventType>(manager: EntityManager, schema: string, type: T, aggregateId: string, payload: EventPayloads[T]): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('recordEvent must run inside the transaction of the change it reports');
  }
  const rows: Array<{ id: string }> = await manager.query(`INSERT INTO "${schema}"."outbox_event" ("type", "aggregate_id", "payload") VALUES ($1, $2, $3) RETURNING "id"`, [type, aggregateId, JSON.stringify(payload)]);
  return rows[0].id;
}
