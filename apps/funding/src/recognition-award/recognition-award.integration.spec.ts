import type { Identity } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import { createRedisConnection } from '@cz/events';
import { eventQueueName } from '@cz/queue-contracts';
import { asGateway, startTestSubgraph, TEST_REDIS_URL, TestEventQueue, type TestSubgraph, waitFor } from '@cz/testing';
import { Queue } from 'bullmq';
import { demoAwardId } from '../seed-demo';
import { fundingService } from '../service';
import { approvalEvent } from './recognition-award.test-support';

const [luzhouPark, , xiangyuanPark, qinyuanPark] = DEMO_PARKS;
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };

const AWARD = `query($id: ID!) { fundingAward(id: $id) { id kind year amount status sourceApplicationId policyVersionCode granted paid balance availableToPay statement { lines { kind grantedChange description } } } }`;

describe('recognition award from the approval event (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  let events: TestEventQueue;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const recognitionAwards = (parkId: string) => sql<{ id: string; year: number; amount_fen: string; status: string; source_application_id: string | null; policy_version_code: string | null }>(
    `SELECT id, year, amount_fen, status, source_application_id, policy_version_code FROM funding.funding_award WHERE park_id = $1 AND kind = 'RECOGNITION_AWARD'`,
    [parkId],
  );
  const grants = (parkId: string) => sql<{ amount_fen: string }>(`SELECT e.amount_fen FROM funding.ledger_entry e JOIN funding.funding_award a ON a.id = e.award_id WHERE a.park_id = $1 AND e.kind = 'GRANT'`, [parkId]);

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
    events = TestEventQueue.open('funding', funding.queuePrefix);
  });
  afterAll(async () => {
    await events?.close();
    await funding?.close();
  });

  it('creates one award of 80,000,000 fen and one GRANT however often the event is delivered', async () => {
    const envelope = approvalEvent({ parkId: qinyuanPark.id });
    const applied = await Promise.all(['first', 'second', 'third'].map((delivery) => events.deliver(envelope, `${envelope.id}-${delivery}`)));
    expect(applied.sort()).toEqual([false, false, true]);

    const awards = await recognitionAwards(qinyuanPark.id);
    expect(awards).toEqual([{ id: expect.any(String), year: 2026, amount_fen: '80000000', status: 'APPROVED', source_application_id: envelope.payload.applicationId, policy_version_code: 'CZ-HRSIP-2024-TRIAL' }]);
    expect(await grants(qinyuanPark.id)).toEqual([{ amount_fen: '80000000' }]);
    expect(await sql(`SELECT operation FROM funding.audit_log WHERE target_id = $1`, [awards[0].id])).toEqual([{ operation: 'funding.recognition-award.create' }]);

    const response = await asGateway<{ fundingAward: Record<string, unknown> }>(funding.url, finance, AWARD, { id: awards[0].id });
    expect(response.errors).toBeUndefined();
    expect(response.data?.fundingAward).toEqual({
      id: awards[0].id,
      kind: 'RECOGNITION_AWARD',
      year: 2026,
      amount: '80000000',
      status: 'APPROVED',
      sourceApplicationId: envelope.payload.applicationId,
      policyVersionCode: 'CZ-HRSIP-2024-TRIAL',
      granted: '80000000',
      paid: '0',
      balance: '0',
      availableToPay: '80000000',
      statement: { lines: [{ kind: 'GRANT', grantedChange: '80000000', description: expect.stringContaining('长人社函〔2026〕12号') }] },
    });
  });

  it('creates nothing for a second event of the same application, nor for a re-recognition of the park', async () => {
    const [award] = await recognitionAwards(qinyuanPark.id);
    const sameApplication = approvalEvent({ parkId: qinyuanPark.id, applicationId: award.source_application_id! });
    const reRecognition = approvalEvent({ parkId: qinyuanPark.id, approvedOn: '2028-03-02', approvalDocumentNo: '长人社函〔2028〕3号' });
    expect(await events.deliver(sameApplication)).toBe(true);
    expect(await events.deliver(reRecognition)).toBe(true);
    expect(await recognitionAwards(qinyuanPark.id)).toEqual([award]);
    expect(await grants(qinyuanPark.id)).toEqual([{ amount_fen: '80000000' }]);
  });

  it('creates nothing for a park whose award exists already (demo data) nor for a sub-park approval', async () => {
    const ledgerRows = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM funding.ledger_entry`))[0].n;
    const before = await ledgerRows();
    expect(await events.deliver(approvalEvent({ parkId: luzhouPark.id }))).toBe(true);
    expect((await recognitionAwards(luzhouPark.id)).map((award) => award.id)).toEqual([demoAwardId(luzhouPark.id)]);
    expect(await events.deliver(approvalEvent({ parkId: xiangyuanPark.id, kind: 'SUB_PARK', recognitionAwardFen: null }))).toBe(true);
    expect(await recognitionAwards(xiangyuanPark.id)).toEqual([]);
    expect(await ledgerRows()).toBe(before);
  });

  it('fails a recognition event that carries no award amount, writing nothing, so it is retried rather than lost', async () => {
    const malformed = approvalEvent({ parkId: xiangyuanPark.id, recognitionAwardFen: null });
    // TestEventQueue.deliver waits out its whole timeout on a failed job; watching the job directly is quicker.
    const redis = createRedisConnection(TEST_REDIS_URL);
    const queue = new Queue(eventQueueName('funding'), { connection: redis, prefix: funding.queuePrefix });
    try {
      await queue.add(malformed.type, malformed, { jobId: malformed.id });
      const failedReason = await waitFor(async () => ((await queue.getJobState(malformed.id)) === 'failed' ? (await queue.getJob(malformed.id))?.failedReason : undefined), 'the job to fail');
      expect(failedReason).toMatch(/carries no recognitionAwardFen/);
    } finally {
      await queue.close();
      redis.disconnect();
    }
    expect(await sql(`SELECT event_id FROM funding.inbox_event WHERE event_id = $1`, [malformed.id])).toEqual([]);
    expect(await recognitionAwards(xiangyuanPark.id)).toEqual([]);
  });
});
