import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, errorCode, parkProfileChangedEvent, postGraphQL, startTestSubgraph, TestEventQueue, type TestSubgraph, waitFor } from '@cz/testing';
import { demoApplicationId } from './seed-demo';
import { applicationsService } from './service';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const shangdang: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140404' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const reviewer: Identity = { subject: 'reviewer-1', role: 'REVIEWER' };

const [LUZHOU_PARK, HIGHTECH_PARK, XIANGYUAN_PARK, QINYUAN_PARK] = DEMO_PARKS.map((park) => park.id);
const applicationOf = demoApplicationId;

const LIST = `query($first: Int, $after: String, $filter: ApplicationFilter) {
  applications(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id createdAt park { id } } } }
}`;
const ONE = `query($id: ID!) { application(id: $id) { id kind stage year submittedAt decidedAt version park { id } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id stage } ... on Park { id applications { id stage park { id } } } } }`;

type ListPage = { applications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string; createdAt: string; park: { id: string } } }> } };
type Entities = { _entities: Array<{ id: string; stage?: string; applications?: Array<{ id: string; stage: string; park: { id: string } }> } | null> };

const parks = (...ids: string[]) => ids.map((id) => ({ __typename: 'Park', id }));

describe('applications subgraph (real PostgreSQL and Redis)', () => {
  let subgraph: TestSubgraph;
  let events: TestEventQueue;
  const query = (sql: string, parameters: unknown[] = []) => subgraph.service.dataSource.query(sql, parameters);

  /** Factory: a park known to this service (as if its registry event had arrived) with draft applications. */
  async function createPark(countyCode: string, applications = 1): Promise<string> {
    const parkId = randomUUID();
    await query(`INSERT INTO applications.park_ref (park_id, name, county_code, status, source_version) VALUES ($1, $2, $3, 'CANDIDATE', 1)`, [parkId, `测试园区 ${parkId.slice(0, 8)}`, countyCode]);
    await query(`INSERT INTO applications.application (park_id, kind, stage, year) SELECT $1, 'RECOGNITION', 'DRAFT', 2026 FROM generate_series(1, $2)`, [parkId, applications]);
    return parkId;
  }

  const visibleIds = async (identity: Identity) => {
    const response = await asGateway<ListPage>(subgraph.url, identity, LIST, { first: 100 });
    expect(response.errors).toBeUndefined();
    return response.data!.applications.edges.map((edge) => edge.node.id);
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService, { seedDemo: true });
    events = TestEventQueue.open('applications', subgraph.queuePrefix);
  });
  afterAll(async () => {
    await events?.close();
    await subgraph?.close();
  });

  it('refuses any request without a gateway-signed identity, _service and _entities included', async () => {
    for (const document of [
      '{ _service { sdl } }',
      `{ _entities(representations: [{ __typename: "Application", id: "${applicationOf(LUZHOU_PARK)}" }]) { __typename } }`,
      `{ _entities(representations: [{ __typename: "Park", id: "${LUZHOU_PARK}" }]) { __typename } }`,
      '{ applications { totalCount } }',
    ]) {
      const response = await postGraphQL(subgraph.url, document);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('seeds one application per demo park, consistent with its stage', async () => {
    const draft = await asGateway<{ application: Record<string, unknown> }>(subgraph.url, city, ONE, { id: applicationOf(QINYUAN_PARK) });
    expect(draft.data?.application).toMatchObject({ kind: 'RECOGNITION', stage: 'DRAFT', year: 2026, submittedAt: null, decidedAt: null, park: { id: QINYUAN_PARK } });
    const approved = await asGateway<{ application: { stage: string; year: number; submittedAt: string; decidedAt: string } }>(subgraph.url, city, ONE, { id: applicationOf(LUZHOU_PARK) });
    expect(approved.data?.application).toMatchObject({ stage: 'APPROVED', year: 2023 });
    expect(Date.parse(approved.data!.application.decidedAt)).toBeGreaterThan(Date.parse(approved.data!.application.submittedAt));
    expect(await applicationsService.seedDemo!(subgraph.service.dataSource)).toBe(0);
  });

  it('shows a county officer only the applications of its county', async () => {
    const ids = await visibleIds(luzhou);
    expect(ids).toEqual([applicationOf(LUZHOU_PARK)]);
    const otherCounty = await asGateway<ListPage>(subgraph.url, luzhou, LIST, { filter: { countyCode: '140423' } });
    expect(otherCounty.data?.applications.totalCount).toBe(0);
    const byCounty = await asGateway<ListPage>(subgraph.url, city, LIST, { filter: { countyCode: '140423' } });
    expect(byCounty.data?.applications.edges.map((edge) => edge.node.id)).toEqual([applicationOf(XIANGYUAN_PARK)]);
  });

  it('filters by stage, year and kind', async () => {
    const ids = async (filter: Record<string, unknown>) => (await asGateway<ListPage>(subgraph.url, city, LIST, { filter })).data!.applications.edges.map((edge) => edge.node.id).sort();
    expect(await ids({ stage: 'APPROVED' })).toEqual([applicationOf(LUZHOU_PARK), applicationOf(HIGHTECH_PARK)].sort());
    expect(await ids({ stage: 'APPROVED', year: 2024 })).toEqual([applicationOf(HIGHTECH_PARK)]);
    expect(await ids({ kind: 'SUB_PARK' })).toEqual([]);
  });

  it('refuses another county’s application, by id and through _entities', async () => {
    expect(errorCode(await asGateway(subgraph.url, luzhou, ONE, { id: applicationOf(XIANGYUAN_PARK) }))).toBe('FORBIDDEN');
    const own = await asGateway<{ application: { id: string } }>(subgraph.url, luzhou, ONE, { id: applicationOf(LUZHOU_PARK) });
    expect(own.data?.application.id).toBe(applicationOf(LUZHOU_PARK));
    const forbidden = await asGateway(subgraph.url, luzhou, ENTITIES, { r: [{ __typename: 'Application', id: applicationOf(XIANGYUAN_PARK) }] });
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    const allowed = await asGateway<Entities>(subgraph.url, luzhou, ENTITIES, { r: [{ __typename: 'Application', id: applicationOf(LUZHOU_PARK) }] });
    expect(allowed.data?._entities[0]).toEqual({ id: applicationOf(LUZHOU_PARK), stage: 'APPROVED' });
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const missing = await asGateway<{ application: null }>(subgraph.url, city, ONE, { id });
      expect(missing.errors).toBeUndefined();
      expect(missing.data?.application).toBeNull();
    }
  });

  it('resolves Park.applications for several parks at once, each filtered for the caller', async () => {
    const unknown = randomUUID();
    const all = await asGateway<Entities>(subgraph.url, city, ENTITIES, { r: parks(LUZHOU_PARK, XIANGYUAN_PARK, QINYUAN_PARK, unknown, 'not-a-uuid') });
    expect(all.errors).toBeUndefined();
    expect(all.data?._entities.map((park) => park?.applications?.map((application) => [application.id, application.stage, application.park.id]))).toEqual([
      [[applicationOf(LUZHOU_PARK), 'APPROVED', LUZHOU_PARK]],
      [[applicationOf(XIANGYUAN_PARK), 'COUNTY_REVIEW', XIANGYUAN_PARK]],
      [[applicationOf(QINYUAN_PARK), 'DRAFT', QINYUAN_PARK]],
      [],
      [],
    ]);

    const county = await asGateway<Entities>(subgraph.url, luzhou, ENTITIES, { r: parks(LUZHOU_PARK, XIANGYUAN_PARK, unknown) });
    expect(county.data?._entities[0]?.applications?.map((application) => application.id)).toEqual([applicationOf(LUZHOU_PARK)]);
    expect(county.data?._entities[1]).toBeNull();
    expect(county.data?._entities[2]?.applications).toEqual([]);
    expect(county.errors).toHaveLength(1);
    expect(county.errors?.[0]).toMatchObject({ path: ['_entities', 1, 'applications'], extensions: { code: 'FORBIDDEN' } });

    expect(errorCode(await asGateway(subgraph.url, finance, ENTITIES, { r: parks(LUZHOU_PARK) }))).toBe('FORBIDDEN');
    const assignedNothing = await asGateway<Entities>(subgraph.url, reviewer, ENTITIES, { r: parks(LUZHOU_PARK) });
    expect(assignedNothing.data?._entities[0]?.applications).toEqual([]);
  });

  it('follows a park to its new county when the registry’s event arrives, once and never backwards', async () => {
    const parkId = await createPark('140403');
    const [{ id: applicationId }] = await query(`SELECT id FROM applications.application WHERE park_id = $1`, [parkId]);
    expect(await visibleIds(luzhou)).toContain(applicationId);

    const moved = parkProfileChangedEvent({ parkId, name: '迁移测试园区', officialName: null, countyCode: '140404', status: 'CANDIDATE', version: 2 });
    const applied = [await events.deliver(moved, moved.id), await events.deliver(moved, `${moved.id}-redelivered`)];
    expect(applied).toEqual([true, false]);
    await waitFor(async () => ((await visibleIds(shangdang)).includes(applicationId) ? true : undefined), 'the new county to see the application');
    expect(await visibleIds(luzhou)).not.toContain(applicationId);
    expect(errorCode(await asGateway(subgraph.url, luzhou, ONE, { id: applicationId }))).toBe('FORBIDDEN');
    expect((await asGateway<{ application: { id: string } }>(subgraph.url, shangdang, ONE, { id: applicationId })).data?.application.id).toBe(applicationId);
    expect(await query(`SELECT count(*)::int AS n FROM applications.inbox_event WHERE event_id = $1`, [moved.id])).toEqual([{ n: 1 }]);

    const stale = parkProfileChangedEvent({ parkId, name: '迁移测试园区', officialName: null, countyCode: '140403', status: 'CANDIDATE', version: 1 });
    expect(await events.deliver(stale, stale.id)).toBe(true);
    expect(await query(`SELECT county_code, source_version FROM applications.park_ref WHERE park_id = $1`, [parkId])).toEqual([{ county_code: '140404', source_version: 2 }]);
    expect(await visibleIds(luzhou)).not.toContain(applicationId);
  });

  it('pages through applications newest first and refuses a bad page size', async () => {
    await createPark('140471', 3);
    const seen: Array<{ id: string; createdAt: string }> = [];
    let after: string | null = null;
    let total = 0;
    do {
      const response: Awaited<ReturnType<typeof asGateway<ListPage>>> = await asGateway<ListPage>(subgraph.url, city, LIST, { first: 2, after });
      expect(response.errors).toBeUndefined();
      total = response.data!.applications.totalCount;
      seen.push(...response.data!.applications.edges.map((edge) => edge.node));
      after = response.data!.applications.pageInfo.hasNextPage ? response.data!.applications.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThanOrEqual(7);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((row) => row.id)).size).toBe(total);
    const times = seen.map((row) => Date.parse(row.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const first of [0, 101]) {
      const refused = await asGateway(subgraph.url, city, LIST, { first });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('answers Park.applications for 20 parks with as many SQL statements as for 5', async () => {
    const extra: string[] = [];
    for (let index = 0; index < 16; index += 1) extra.push(await createPark('140471', 2));
    const statementsFor = async (ids: string[]) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<Entities>(subgraph.url, city, ENTITIES, { r: parks(...ids) });
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toHaveLength(ids.length);
      expect(response.data?._entities.every((park) => (park?.applications?.length ?? 0) > 0)).toBe(true);
      return statementTotals.inRequests - before;
    };
    const demo = DEMO_PARKS.map((park) => park.id);
    const five = await statementsFor([...demo, extra[0]]);
    const twenty = await statementsFor([...demo, ...extra]);
    expect(five).toBeGreaterThan(0);
    expect(twenty).toBe(five);
  });
});
