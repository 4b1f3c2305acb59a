import { EVENT_TYPES, type EventEnvelope, eventQueueName, type ParkProfileChangedPayload } from '@cz/queue-contracts';
import { createTestDatabase, deleteQueueKeys, TEST_REDIS_URL, type TestDatabase, testQueuePrefix } from '@cz/test-infra';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource, type QueryRunner } from 'typeorm';
import { applyEventOnce } from './event-consumer';
import { recordEvent } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { createEventTables } from './outbox-tables';
import { createRedisConnection } from './redis';

const SCHEMA = 'outbox_test';
const payload = (version: number): ParkProfileChangedPayload => ({ parkId: '6d1f8e8a-0000-4000-8000-000000000001', name: '测试园区', officialName: null, countyCode: '140403', status: 'CANDIDATE', version });

describe('transactional outbox, relay and inbox (real PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  const prefix = testQueuePrefix('outbox');
  const count = async (table: string) => Number((await dataSource.query(`SELECT count(*) AS n FROM ${SCHEMA}.${table}`))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase('outbox');
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    const runner: QueryRunner = dataSource.createQueryRunner();
    await runner.query(`CREATE SCHEMA ${SCHEMA}`);
    await createEventTables(runner, SCHEMA);
    await runner.query(`CREATE TABLE ${SCHEMA}.state (id int PRIMARY KEY, value text NOT NULL)`);
    await runner.release();
    redis = createRedisConnection(TEST_REDIS_URL);
  });

  afterAll(async () => {
    redis?.disconnect();
    await dataSource?.destroy();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  it('refuses to record an event outside the transaction of its change', async () => {
    await expect(recordEvent(dataSource.manager, SCHEMA, EVENT_TYPES.parkProfileChanged, 'p', payload(1))).rejects.toThrow(/inside the transaction/);
  });

  it('commits the event with the state change, or neither', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${SCHEMA}.state VALUES (1, 'committed')`);
      await recordEvent(manager, SCHEMA, EVENT_TYPES.parkProfileChanged, 'p', payload(1));
    });
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO ${SCHEMA}.state VALUES (2, 'rolled back')`);
        await recordEvent(manager, SCHEMA, EVENT_TYPES.parkProfileChanged, 'p', payload(2));
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow(/change fails/);
    expect(await count('state')).toBe(1);
    expect(await count('outbox_event')).toBe(1);
  });

  it('relays each committed event once to every subscriber queue, the event id as job id', async () => {
    const relay = new OutboxRelay({ dataSource, service: 'registry', schema: SCHEMA, connection: redis, queuePrefix: prefix });
    try {
      expect(await relay.relayPending()).toBe(1);
      expect(await relay.relayPending()).toBe(0);
    } finally {
      await relay.stop();
    }
    const [event] = await dataSource.query(`SELECT id, published_at FROM ${SCHEMA}.outbox_event`);
    expect(event.published_at).not.toBeNull();
    for (const service of ['applications', 'funding', 'assessment'] as const) {
      const queue = new Queue(eventQueueName(service), { connection: redis, prefix });
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
      expect(jobs.map((job) => job.id)).toEqual([event.id]);
      expect((jobs[0].data as EventEnvelope).payload).toEqual(payload(1));
      await queue.close();
    }
  });

  it('applies an event once however often it is delivered, and not at all when its handler fails', async () => {
    const envelope: EventEnvelope = { id: '0b4f5c1e-1111-4aaa-8bbb-000000000001', type: EVENT_TYPES.parkProfileChanged, source: 'registry', aggregateId: 'p', occurredAt: new Date().toISOString(), payload: payload(3) };
    let applied = 0;
    const handler = async () => {
      applied += 1;
    };
    const failing = async () => {
      throw new Error('handler failed');
    };
    await expect(applyEventOnce(dataSource, SCHEMA, envelope, failing)).rejects.toThrow('handler failed');
    expect(await count('inbox_event')).toBe(0);
    const results = await Promise.all([applyEventOnce(dataSource, SCHEMA, envelope, handler), applyEventOnce(dataSource, SCHEMA, envelope, handler)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await applyEventOnce(dataSource, SCHEMA, envelope, handler)).toBe(false);
    expect(applied).toBe(1);
    expect(await count('inbox_event')).toBe(1);
  });
});
