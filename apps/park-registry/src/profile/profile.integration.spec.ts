import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import type { DeclaredFacts } from '@cz/policy';
import type { ApplicationApprovedPayload, EventEnvelope } from '@cz/queue-contracts';
import { asGateway, errorCode, startTestSubgraph, TestEventQueue, type TestSubgraph } from '@cz/testing';
import { registryService } from '../service';

const [, , xiangyuanPark, qinyuanPark] = DEMO_PARKS;
const operator: Identity = { subject: 'operator-3', role: 'PARK_OPERATOR', parkId: xiangyuanPark.id };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };

const SET_SITES = `mutation($id: ID!, $v: Int!, $sites: [ParkSiteInput!]!) { setParkSites(parkId: $id, expectedVersion: $v, sites: $sites) { version sites { name buildingAreaM2 isCore } } }`;
const SET_INSTITUTIONS = `mutation($id: ID!, $v: Int!, $lines: [ResidentInstitutionInput!]!) { setResidentInstitutions(parkId: $id, expectedVersion: $v, institutions: $lines) { version institutions { name creditCode revenueFen } } }`;
const SET_SERVICES = `mutation($id: ID!, $v: Int!, $fns: [PublicServiceFunction!]!) { setPublicServices(parkId: $id, expectedVersion: $v, functions: $fns) { version publicServices } }`;
const PROFILE = `query($id: ID!) { park(id: $id) { status officialName version sites { name address buildingAreaM2 isCore addedByApplicationId } institutions { name creditCode licenceNo revenueFen revenueYear sourceApplicationId } publicServices statusHistory { fromStatus toStatus applicationId approvalDocumentNo approvedOn } } }`;

const creditCode = (n: number) => `91140431MA0${String(n).padStart(7, '0')}`;
const sites = [
  { name: '核心园区', address: '襄垣县古韩镇建设路 9 号', buildingAreaM2: '2600.50', isCore: true },
  { name: '东区分园', address: '襄垣县古韩镇东街 2 号', buildingAreaM2: '1800', isCore: false },
];
const line = (n: number) => ({ name: `人力资源服务机构${n}`, creditCode: creditCode(n), licenceKind: 'LICENCE' as const, licenceNo: `（晋）人服证字〔2024〕第${n}号`, licenceValidUntil: '2029-12-31', operating: true, revenueFen: '350000000', revenueYear: 2025 });

const facts: DeclaredFacts = {
  revenueYear: 2025,
  sites: [
    { name: '沁源核心园区', address: '沁源县沁河镇育才路 21 号', buildingAreaM2: '3200.00', isCore: true },
    { name: '沁源北区', address: '沁源县沁河镇北街 8 号', buildingAreaM2: '900.00', isCore: false },
  ],
  institutions: Array.from({ length: 10 }, (_, index) => {
    const { revenueYear: _year, ...declared } = line(100 + index);
    return { ...declared, licenceKind: 'FILING' as const };
  }),
  publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
  subParkJustification: null,
};

function approval(payload: Partial<ApplicationApprovedPayload> & Pick<ApplicationApprovedPayload, 'applicationId'>): EventEnvelope<'applications.application-approved'> {
  const full: ApplicationApprovedPayload = { parkId: qinyuanPark.id, kind: 'RECOGNITION', approvalDocumentNo: '长人社函〔2026〕12号', approvedOn: '2026-11-20', facts, subPark: null, recognitionAwardFen: '80000000', policyVersionCode: 'CZ-HRSIP-2024-TRIAL', ...payload };
  return { id: randomUUID(), type: 'applications.application-approved', source: 'applications', aggregateId: full.applicationId, occurredAt: new Date().toISOString(), payload: full };
}

type Profile = { park: { status: string; officialName: string | null; version: number; sites: Array<Record<string, unknown>>; institutions: Array<Record<string, unknown>>; publicServices: string[]; statusHistory: Array<Record<string, unknown>> } };

describe('park profile details, status history and recognition (real PostgreSQL and Redis)', () => {
  let registry: TestSubgraph;
  let events: TestEventQueue;
  const count = async (table: string, where = 'true', params: unknown[] = []) => Number((await registry.service.dataSource.query(`SELECT count(*) AS n FROM registry.${table} WHERE ${where}`, params))[0].n);
  const written = async (parkId: string) => ({
    version: (await registry.service.dataSource.query(`SELECT version FROM registry.park WHERE id = $1`, [parkId]))[0].version as number,
    outbox: await count('outbox_event', 'aggregate_id = $1', [parkId]),
    audit: await count('audit_log', "target_id = $1 AND outcome = 'SUCCEEDED'", [parkId]),
    sites: await count('park_site', 'park_id = $1', [parkId]),
    institutions: await count('resident_institution', 'park_id = $1', [parkId]),
    services: await count('park_public_service', 'park_id = $1', [parkId]),
  });
  const profile = async (parkId: string) => (await asGateway<Profile>(registry.url, city, PROFILE, { id: parkId })).data!.park;

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService, { seedDemo: true });
    events = TestEventQueue.open('registry', registry.queuePrefix);
  });
  afterAll(async () => {
    await events?.close();
    await registry?.close();
  });

  it('shows no sites, institutions or history for a demo park that has none', async () => {
    expect(await profile(xiangyuanPark.id)).toMatchObject({ sites: [], institutions: [], publicServices: [], statusHistory: [] });
  });

  it('lets the operator of a candidate park replace its sites, roster and public services, one version, event and audit row each', async () => {
    const id = xiangyuanPark.id;
    const before = await written(id);
    const setSites = await asGateway<{ setParkSites: { version: number; sites: unknown[] } }>(registry.url, operator, SET_SITES, { id, v: before.version, sites });
    expect(setSites.errors).toBeUndefined();
    expect(setSites.data?.setParkSites).toEqual({ version: before.version + 1, sites: [{ name: '核心园区', buildingAreaM2: '2600.50', isCore: true }, { name: '东区分园', buildingAreaM2: '1800.00', isCore: false }] });
    const setLines = await asGateway<{ setResidentInstitutions: { version: number; institutions: unknown[] } }>(registry.url, operator, SET_INSTITUTIONS, { id, v: before.version + 1, lines: [line(1), line(2)] });
    expect(setLines.data?.setResidentInstitutions.institutions).toEqual([1, 2].map((n) => ({ name: `人力资源服务机构${n}`, creditCode: creditCode(n), revenueFen: '350000000' })));
    const setServices = await asGateway<{ setPublicServices: { version: number; publicServices: string[] } }>(registry.url, operator, SET_SERVICES, { id, v: before.version + 2, fns: ['SOCIAL_SECURITY', 'EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY'] });
    expect(setServices.data?.setPublicServices).toEqual({ version: before.version + 3, publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY'] });
    expect(await written(id)).toEqual({ version: before.version + 3, outbox: before.outbox + 3, audit: before.audit + 3, sites: 2, institutions: 2, services: 2 });
    const [event] = await registry.service.dataSource.query(`SELECT type, payload FROM registry.outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`, [id]);
    expect(event).toMatchObject({ type: 'registry.park-profile-changed', payload: { parkId: id, status: 'CANDIDATE', version: before.version + 3 } });
    const audits = await registry.service.dataSource.query(`SELECT operation, actor FROM registry.audit_log WHERE target_id = $1 ORDER BY id`, [id]);
    expect(audits.slice(-3)).toEqual(['park.setSites', 'park.setInstitutions', 'park.setPublicServices'].map((operation) => ({ operation, actor: 'operator-3' })));
  });

  it('refuses a stale version with CONFLICT and another county with FORBIDDEN, writing nothing', async () => {
    const id = xiangyuanPark.id;
    const before = await written(id);
    const stale = await asGateway(registry.url, operator, SET_SITES, { id, v: before.version - 1, sites: [sites[0]] });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(errorCode(await asGateway(registry.url, luzhou, SET_SERVICES, { id, v: before.version, fns: [] }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, { ...operator, parkId: qinyuanPark.id }, SET_SERVICES, { id, v: before.version, fns: [] }))).toBe('FORBIDDEN');
    expect(await written(id)).toEqual(before);
  });

  it('rejects bad input naming the field at fault, and writes nothing', async () => {
    const id = xiangyuanPark.id;
    const before = await written(id);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [SET_SITES, { sites: [sites[0], sites[1], { ...sites[1], buildingAreaM2: '-3000' }] }, 'sites[2].buildingAreaM2'],
      [SET_SITES, { sites: [sites[0], { ...sites[1], isCore: true }] }, 'sites[1].isCore'],
      [SET_SITES, { sites: [sites[1]] }, 'sites'],
      [SET_INSTITUTIONS, { lines: [line(1), { ...line(2), creditCode: '91140431MA0OOOOOO1' }] }, 'institutions[1].creditCode'],
      [SET_INSTITUTIONS, { lines: [{ ...line(1), creditCode: '1234' }] }, 'institutions[0].creditCode'],
      [SET_INSTITUTIONS, { lines: [line(1), line(2), { ...line(3), licenceNo: '   ' }] }, 'institutions[2].licenceNo'],
      [SET_INSTITUTIONS, { lines: [{ ...line(1), revenueFen: '12.5' }] }, 'institutions[0].revenueFen'],
      [SET_INSTITUTIONS, { lines: [line(1), line(1)] }, 'institutions[1].creditCode'],
    ];
    for (const [mutation, variables, field] of cases) {
      const response = await asGateway(registry.url, operator, mutation, { id, v: before.version, ...variables });
      expect([field, errorCode(response)]).toEqual([field, 'BAD_USER_INPUT']);
      expect(response.errors?.[0].extensions?.field).toBe(field);
      expect(response.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await written(id)).toEqual(before);
  });

  it('recognises a park from an approval event once, however often and by however many events it arrives', async () => {
    const id = qinyuanPark.id;
    const applicationId = randomUUID();
    const envelope = approval({ applicationId });
    const before = await written(id);
    expect([await events.deliver(envelope), await events.deliver(envelope, `${envelope.id}-redelivered`)]).toEqual([true, false]);
    const park = await profile(id);
    expect(park).toMatchObject({ status: 'RECOGNISED', officialName: '长治沁源县人力资源服务产业园', version: before.version + 1, publicServices: facts.publicServices });
    expect(park.sites).toEqual(facts.sites.map((site) => ({ ...site, addedByApplicationId: null })));
    expect(park.institutions.map((row) => row.creditCode)).toEqual(facts.institutions.map((row) => row.creditCode));
    expect(park.institutions[0]).toMatchObject({ revenueYear: 2025, sourceApplicationId: applicationId });
    expect(park.statusHistory).toEqual([{ fromStatus: 'CANDIDATE', toStatus: 'RECOGNISED', applicationId, approvalDocumentNo: '长人社函〔2026〕12号', approvedOn: '2026-11-20' }]);
    const [event] = await registry.service.dataSource.query(`SELECT payload FROM registry.outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`, [id]);
    expect(event.payload).toMatchObject({ status: 'RECOGNISED', officialName: '长治沁源县人力资源服务产业园', version: before.version + 1 });
    const after = await written(id);
    expect(after.outbox).toBe(before.outbox + 1);

    // A distinct event (another event id) for the same approval passes the inbox but changes nothing.
    expect(await events.deliver(approval({ applicationId }))).toBe(true);
    expect(await written(id)).toEqual(after);
    expect(await count('park_status_history', 'park_id = $1', [id])).toBe(1);
  });

  it('revokes a recognised park on a revocation decision once, keeping its history and announcing the change', async () => {
    const [luzhouPark] = DEMO_PARKS;
    const decision = (): EventEnvelope<'assessment.park-revocation-decided'> => ({
      id: randomUUID(),
      type: 'assessment.park-revocation-decided',
      source: 'assessment',
      aggregateId: luzhouPark.id,
      occurredAt: new Date().toISOString(),
      payload: { parkId: luzhouPark.id, years: [2024, 2025], assessmentId: randomUUID(), reason: '连续两次考核评估不合格（2024、2025年度）', decidedOn: '2026-03-20' },
    });
    const before = await written(luzhouPark.id);
    const envelope = decision();
    expect([await events.deliver(envelope), await events.deliver(envelope, `${envelope.id}-redelivered`)]).toEqual([true, false]);
    const park = await profile(luzhouPark.id);
    expect(park).toMatchObject({ status: 'REVOKED', version: before.version + 1 });
    expect(park.statusHistory.at(0)).toMatchObject({ fromStatus: 'RECOGNISED', toStatus: 'REVOKED' });
    const [history] = await registry.service.dataSource.query(`SELECT reason FROM registry.park_status_history WHERE park_id = $1 AND to_status = 'REVOKED'`, [luzhouPark.id]);
    expect(history.reason).toBe('连续两次考核评估不合格（2024、2025年度）');
    const [event] = await registry.service.dataSource.query(`SELECT payload FROM registry.outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`, [luzhouPark.id]);
    expect(event.payload).toMatchObject({ status: 'REVOKED', version: before.version + 1 });
    const after = await written(luzhouPark.id);
    expect(after).toMatchObject({ outbox: before.outbox + 1, audit: before.audit + 1, sites: before.sites, institutions: before.institutions });

    // Another decision for the same park (a replayed cycle) finds it revoked and changes nothing.
    expect(await events.deliver(decision())).toBe(true);
    expect(await written(luzhouPark.id)).toEqual(after);
  });

  it('adds an approved sub-park to a recognised park exactly once, and refuses direct site edits there', async () => {
    const id = qinyuanPark.id;
    const before = await written(id);
    const applicationId = randomUUID();
    const subPark = { name: '沁源南区分园', address: '沁源县沁河镇南街 3 号', buildingAreaM2: '1200.00', isCore: false };
    expect(await events.deliver(approval({ applicationId, kind: 'SUB_PARK', subPark, approvalDocumentNo: '长人社函〔2026〕30号' }))).toBe(true);
    expect(await events.deliver(approval({ applicationId, kind: 'SUB_PARK', subPark, approvalDocumentNo: '长人社函〔2026〕30号' }))).toBe(true);
    const after = await written(id);
    expect(after).toEqual({ ...before, version: before.version + 1, outbox: before.outbox + 1, audit: before.audit + 1, sites: before.sites + 1 });
    expect((await profile(id)).sites.at(-1)).toEqual({ ...subPark, addedByApplicationId: applicationId });

    const refused = await asGateway(registry.url, city, SET_SITES, { id, v: after.version, sites });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/第八条/);
    expect(await written(id)).toEqual(after);
  });

  it('resolves sites and institutions of many parks through _entities in a constant number of statements', async () => {
    const register = `mutation($input: RegisterParkInput!) { registerPark(input: $input) { id } }`;
    for (let n = 0; n < 8; n += 1) {
      const { name: _name, id: _id, status: _status, recognisedYear: _year, applicationStage: _stage, assessments: _assessments, ...form } = xiangyuanPark;
      await asGateway(registry.url, city, register, { input: { ...form, name: `批量测试园区${n}` } });
    }
    const ids: string[] = (await registry.service.dataSource.query(`SELECT id FROM registry.park ORDER BY created_at`)).map((row: { id: string }) => row.id);
    expect(ids.length).toBe(12);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id sites { name } institutions { creditCode } publicServices statusHistory { toStatus } } } }`;
    const statementsFor = async (parkIds: string[]) => {
      const start = statementTotals.inRequests;
      const response = await asGateway<{ _entities: Array<{ id: string }> }>(registry.url, city, query, { r: parkIds.map((parkId) => ({ __typename: 'Park', id: parkId })) });
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities.map((park) => park.id)).toEqual(parkIds);
      return statementTotals.inRequests - start;
    };
    const few = await statementsFor(ids.slice(0, 3));
    expect(await statementsFor(ids)).toBe(few);
    expect(few).toBeLessThanOrEqual(5);
  });
});
