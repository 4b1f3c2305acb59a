import type { Identity } from '@cz/auth';
import { ConflictError } from '@cz/errors';
import { startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { applicationsService } from '../service';
import { transitionStage } from './transition-stage';

const county: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140431' };
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const QINYUAN_PARK = '0b6f1d2e-5a4c-4c1e-9a51-000000000004';

describe('transitionStage (real PostgreSQL)', () => {
  let subgraph: TestSubgraph;
  const sql = (text: string, params: unknown[] = []) => subgraph.service.dataSource.query(text, params);
  const newApplication = async (stage: string) => {
    const [row] = await sql(
      `INSERT INTO applications.application (park_id, kind, stage, year, submitted_at) VALUES ($1, 'RECOGNITION', $2::varchar, 2026, CASE WHEN $2::varchar = 'DRAFT' THEN NULL ELSE timestamptz '2026-09-01T09:00:00+08:00' END) RETURNING id`,
      [QINYUAN_PARK, stage],
    );
    return row.id as string;
  };
  const move = (applicationId: string, action: Parameters<typeof transitionStage>[1]['action'], identity: Identity, extra: Partial<Parameters<typeof transitionStage>[1]> = {}) =>
    subgraph.service.dataSource.transaction((manager) => transitionStage(manager, { applicationId, action, identity, requestId: 'r-1', now: new Date('2026-09-28T02:00:00Z'), ...extra }));

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService, { seedDemo: true });
  });
  afterAll(async () => {
    await subgraph.close();
  });

  it('moves the stage, bumps the version and writes the history and audit rows', async () => {
    const id = await newApplication('COUNTY_REVIEW');
    const moved = await move(id, 'returnForCorrection', county, { reason: '材料不全', details: { reasons: [{ item: 'LETTER', reason: '缺少盖章' }] } });
    expect(moved).toMatchObject({ stage: 'RETURNED', version: 2 });
    expect(moved.decidedAt).toBeNull();
    const history = await sql(`SELECT action, from_stage, to_stage, actor_subject, reason, details FROM applications.application_transition WHERE application_id = $1`, [id]);
    expect(history).toEqual([{ action: 'returnForCorrection', from_stage: 'COUNTY_REVIEW', to_stage: 'RETURNED', actor_subject: 'county-1', reason: '材料不全', details: { reasons: [{ item: 'LETTER', reason: '缺少盖章' }] } }]);
    const audit = await sql(`SELECT operation, changes FROM applications.audit_log WHERE target_id = $1`, [id]);
    expect(audit).toEqual([{ operation: 'application.returnForCorrection', changes: { stage: ['COUNTY_REVIEW', 'RETURNED'], reason: '材料不全' } }]);
  });

  it('sets submitted_at on the first submission and decided_at on a decision', async () => {
    const id = await newApplication('DRAFT');
    const submitted = await move(id, 'submit', { subject: 'op', role: 'PARK_OPERATOR', parkId: QINYUAN_PARK });
    expect(submitted.submittedAt?.toISOString()).toBe('2026-09-28T02:00:00.000Z');
    const rejected = await move(id, 'reject', county, { reason: '不符合条件' });
    expect(rejected.decidedAt?.toISOString()).toBe('2026-09-28T02:00:00.000Z');
  });

  it('lets one of two concurrent actions win and gives the other CONFLICT, writing nothing for it', async () => {
    const id = await newApplication('COUNTY_REVIEW');
    const results = await Promise.allSettled([move(id, 'countyPass', county, { expectedVersion: 1 }), move(id, 'reject', county, { expectedVersion: 1, reason: '驳回' })]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await sql(`SELECT count(*)::int AS n FROM applications.application_transition WHERE application_id = $1`, [id])).toEqual([{ n: 1 }]);
  });

  it('refuses an action the procedure does not allow from the current stage', async () => {
    const id = await newApplication('COUNTY_REVIEW');
    await expect(move(id, 'approve', city)).rejects.toThrow(/县区初审/);
    await expect(move(id, 'countyPass', county, { expectedVersion: 7 })).rejects.toBeInstanceOf(ConflictError);
  });
});
