import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { demoChildId } from '@cz/demo-data';
import { asGateway, errorCode, parkProfileChangedEvent, postGraphQL, startTestSubgraph, TestEventQueue, type TestSubgraph, waitFor } from '@cz/testing';
import { DEMO_ASSESSMENT_KIND } from './seed-demo';
import { assessmentService } from './service';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const xiangyuan: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140423' };

const LUZHOU_PARK = '0b6f1d2e-5a4c-4c1e-9a51-000000000001';
const HIGH_TECH_PARK = '0b6f1d2e-5a4c-4c1e-9a51-000000000002';
const CANDIDATE_PARK = '0b6f1d2e-5a4c-4c1e-9a51-000000000003';
const HIGH_TECH_2025 = demoChildId(HIGH_TECH_PARK, DEMO_ASSESSMENT_KIND, 2025);

const ONE = `query($id: ID!) { assessment(id: $id) { id year status totalScore grade park { id } } }`;
const LIST = `query($filter: AssessmentFilter) { assessments(first: 100, filter: $filter) { totalCount edges { node { id year totalScore grade park { id } } } } }`;
const ASSESSMENT_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Assessment { id year grade } } }`;
const PARK_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id latestGrade assessments { id year status totalScore grade park { id } } } } }`;

type Node = { id: string; year: number; totalScore: string | null; grade: string | null; park: { id: string } };
type List = { assessments: { totalCount: number; edges: Array<{ node: Node }> } };
type ParkEntities = { _entities: Array<{ id: string; latestGrade: string | null; assessments: Array<Node & { status: string }> }> };

const parkReps = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Park', id }));

describe('assessment subgraph (real PostgreSQL and Redis)', () => {
  let assessment: TestSubgraph;
  let events: TestEventQueue;
  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> => assessment.service.dataSource.query(text, parameters);
  const list = async (identity: Identity, filter: Record<string, unknown> = {}) => (await asGateway<List>(assessment.url, identity, LIST, { filter })).data!.assessments;

  beforeAll(async () => {
    assessment = await startTestSubgraph(assessmentService, { seedDemo: true });
    // The relay's role: put events on the service's real inbound queue, under this run's prefix.
    events = TestEventQueue.open('assessment', assessment.queuePrefix);
  });
  afterAll(async () => {
    await events?.close();
    await assessment?.close();
  });

  it('refuses any request without a gateway-signed identity, _service and _entities included', async () => {
    for (const query of ['{ _service { sdl } }', `{ _entities(representations: [{ __typename: "Assessment", id: "${HIGH_TECH_2025}" }]) { __typename } }`, '{ assessments { totalCount } }']) {
      const response = await postGraphQL(assessment.url, query);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('lets the city bureau see every assessment, newest year first, with exact decimal scores', async () => {
    const all = await list(city);
    expect(all.totalCount).toBe(3);
    const expected = [
      { park: { id: LUZHOU_PARK }, year: 2024, totalScore: '92.50', grade: 'EXCELLENT' },
      { park: { id: LUZHOU_PARK }, year: 2025, totalScore: '88.00', grade: 'QUALIFIED' },
      { park: { id: HIGH_TECH_PARK }, year: 2025, totalScore: '71.00', grade: 'QUALIFIED' },
    ].map((row) => ({ ...row, id: demoChildId(row.park.id, DEMO_ASSESSMENT_KIND, row.year) }));
    // Within a year the id breaks the tie, descending like the year.
    expected.sort((a, b) => b.year - a.year || (a.id < b.id ? 1 : -1));
    expect(all.edges.map(({ node }) => node)).toEqual(expected);
    expect((await list(city, { grade: 'EXCELLENT' })).totalCount).toBe(1);
    expect((await list(city, { year: 2025 })).totalCount).toBe(2);
    expect((await list(city, { countyCode: '140471' })).edges.map(({ node }) => node.id)).toEqual([HIGH_TECH_2025]);
    expect((await list(city, { status: 'OPEN' })).totalCount).toBe(0);
  });

  it('pages through assessments with cursors and refuses an absurd page size', async () => {
    const page = `query($after: String) { assessments(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = { assessments: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } };
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const response = await asGateway<Page>(assessment.url, city, page, { after });
      seen.push(...response.data!.assessments.edges.map((edge) => edge.node.id));
      after = response.data!.assessments.pageInfo.hasNextPage ? response.data!.assessments.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual((await list(city)).edges.map(({ node }) => node.id));
    const tooMany = await asGateway(assessment.url, city, `{ assessments(first: 1000) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('keeps a county officer to its own county, on lists, by id and through _entities', async () => {
    const own = await list(luzhou);
    expect(own.edges.map(({ node }) => node.park.id)).toEqual([LUZHOU_PARK, LUZHOU_PARK]);
    // A filter narrows the officer's scope; it never widens it.
    expect((await list(luzhou, { countyCode: '140471' })).totalCount).toBe(0);

    expect(errorCode(await asGateway(assessment.url, luzhou, ONE, { id: HIGH_TECH_2025 }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(assessment.url, luzhou, ASSESSMENT_ENTITIES, { r: [{ __typename: 'Assessment', id: HIGH_TECH_2025 }] }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(assessment.url, luzhou, PARK_ENTITIES, { r: parkReps([HIGH_TECH_PARK]) }))).toBe('FORBIDDEN');

    const mine = await asGateway<{ assessment: Node }>(assessment.url, luzhou, ONE, { id: demoChildId(LUZHOU_PARK, DEMO_ASSESSMENT_KIND, 2024) });
    expect(mine.data?.assessment).toMatchObject({ year: 2024, totalScore: '92.50', grade: 'EXCELLENT', park: { id: LUZHOU_PARK } });
    expect((await asGateway<{ assessment: null }>(assessment.url, luzhou, ONE, { id: 'not-a-uuid' })).data?.assessment).toBeNull();
  });

  it('resolves Park entities with their assessments and latest final grade', async () => {
    const unknown = randomUUID();
    const response = await asGateway<ParkEntities>(assessment.url, city, PARK_ENTITIES, { r: parkReps([LUZHOU_PARK, HIGH_TECH_PARK, CANDIDATE_PARK, unknown]) });
    expect(response.errors).toBeUndefined();
    const [luzhouPark, highTech, candidate, stranger] = response.data!._entities;
    expect(luzhouPark.latestGrade).toBe('QUALIFIED');
    expect(luzhouPark.assessments.map((a) => [a.year, a.status, a.totalScore, a.grade])).toEqual([
      [2025, 'FINAL', '88.00', 'QUALIFIED'],
      [2024, 'FINAL', '92.50', 'EXCELLENT'],
    ]);
    expect(highTech).toMatchObject({ latestGrade: 'QUALIFIED', assessments: [{ id: HIGH_TECH_2025, totalScore: '71.00', park: { id: HIGH_TECH_PARK } }] });
    expect(candidate).toEqual({ id: CANDIDATE_PARK, latestGrade: null, assessments: [] });
    expect(stranger).toEqual({ id: unknown, latestGrade: null, assessments: [] });
  });

  it('holds one assessment per park per year, graded exactly when scored', async () => {
    await expect(sql(`INSERT INTO assessment.assessment (park_id, year, status) VALUES ($1, 2024, 'OPEN')`, [LUZHOU_PARK])).rejects.toMatchObject({ code: '23505', constraint: 'assessment_park_year_key' });
    await expect(sql(`INSERT INTO assessment.assessment (park_id, year, status) VALUES ($1, 2023, 'FINAL')`, [LUZHOU_PARK])).rejects.toMatchObject({ code: '23514', constraint: 'assessment_grade_when_scored' });
    await expect(sql(`INSERT INTO assessment.assessment (park_id, year, status, total_score, grade) VALUES ($1, 2023, 'FINAL', 100.01, 'EXCELLENT')`, [LUZHOU_PARK])).rejects.toMatchObject({ code: '23514' });
  });

  it('runs as many SQL statements for 20 parks as for 5', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    // Parks in 武乡县, which no other test looks at.
    await sql(`INSERT INTO assessment.park_ref (park_id, name, county_code, status, source_version) SELECT id, '测试园区 ' || id, '140429', 'RECOGNISED', 1 FROM unnest($1::uuid[]) AS id`, [ids]);
    await sql(`INSERT INTO assessment.assessment (park_id, year, status, total_score, grade) SELECT id, y, 'FINAL', 75.00, 'QUALIFIED' FROM unnest($1::uuid[]) AS id, (VALUES (2024), (2025)) AS v(y)`, [ids]);
    const statementsFor = async (parkIds: readonly string[]) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<ParkEntities>(assessment.url, city, PARK_ENTITIES, { r: parkReps(parkIds) });
      expect(response.data?._entities).toHaveLength(parkIds.length);
      expect(response.data?._entities.every((park) => park.assessments.length === 2 && park.latestGrade === 'QUALIFIED')).toBe(true);
      return statementTotals.inRequests - before;
    };
    const five = await statementsFor(ids.slice(0, 5));
    expect(await statementsFor(ids)).toBe(five);
    // One for the park refs (authorisation), one for the assessments of every park.
    expect(five).toBe(2);
  });

  describe('registry.park-profile-changed events', () => {
    const moveHighTechPark = (version: number, countyCode: string) =>
      parkProfileChangedEvent({ parkId: HIGH_TECH_PARK, name: '高新区人力资源服务产业园', officialName: '长治高新区人力资源服务产业园', countyCode, status: 'RECOGNISED', version });
    const countyOf = async (parkId: string) => (await sql<{ county_code: string }>(`SELECT county_code FROM assessment.park_ref WHERE park_id = $1`, [parkId]))[0].county_code;

    it('moves a park to another county, and with it who sees its assessments', async () => {
      expect(errorCode(await asGateway(assessment.url, xiangyuan, ONE, { id: HIGH_TECH_2025 }))).toBe('FORBIDDEN');
      const event = moveHighTechPark(2, '140423');
      await events.deliver(event);
      await waitFor(async () => ((await countyOf(HIGH_TECH_PARK)) === '140423' ? true : undefined), 'the park ref to move to 襄垣县');

      const seen = await asGateway<{ assessment: Node }>(assessment.url, xiangyuan, ONE, { id: HIGH_TECH_2025 });
      expect(seen.data?.assessment).toMatchObject({ id: HIGH_TECH_2025, totalScore: '71.00' });
      expect((await list(xiangyuan)).edges.map(({ node }) => node.id)).toEqual([HIGH_TECH_2025]);
    });

    it('applies a redelivered event once', async () => {
      const event = moveHighTechPark(3, '140403');
      const results = await Promise.all([events.deliver(event, `first-${event.id}`), events.deliver(event, `again-${event.id}`)]);
      expect(results.sort()).toEqual([false, true]);
      expect(await sql(`SELECT event_id FROM assessment.inbox_event WHERE event_id = $1`, [event.id])).toHaveLength(1);
      expect(await countyOf(HIGH_TECH_PARK)).toBe('140403');
      expect((await list(luzhou)).totalCount).toBe(3);
    });
  });
});
