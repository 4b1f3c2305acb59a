import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, createParkRefs, errorCode, parkProfileChangedEvent, postGraphQL, startTestSubgraph, TestEventQueue, type TestSubgraph, waitFor } from '@cz/testing';
import { demoAwardId } from './seed-demo';
import { fundingService } from './service';

const [luzhouPark, hiTechPark, xiangyuanPark] = DEMO_PARKS;
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const shangdang: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140404' };
const hiTechOperator: Identity = { subject: 'operator-2', role: 'PARK_OPERATOR', parkId: hiTechPark.id };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };

const LIST = `query($filter: FundingAwardFilter, $first: Int, $after: String) {
  fundingAwards(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind year amount amountYuan status park { id } } } }
}`;
const PARK_AWARDS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id fundingAwards { id kind year amount amountYuan status park { id } } } } }`;
const AWARD_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on FundingAward { id amount } } }`;

interface AwardNode {
  id: string;
  kind: string;
  year: number;
  amount: string;
  amountYuan: string;
  status: string;
  park: { id: string };
}
type ListResult = { fundingAwards: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: AwardNode }> } };
type ParkEntities = { _entities: Array<{ id: string; fundingAwards: AwardNode[] }> };

const parkRepresentations = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Park', id }));

describe('funding subgraph (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  let events: TestEventQueue;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const awardIdsSeenBy = async (identity: Identity, filter: Record<string, unknown> = {}) => {
    const response = await asGateway<ListResult>(funding.url, identity, LIST, { filter, first: 100 });
    expect(response.errors).toBeUndefined();
    return response.data!.fundingAwards.edges.map((edge) => edge.node.id).sort();
  };

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
    events = TestEventQueue.open('funding', funding.queuePrefix);
  });
  afterAll(async () => {
    await events?.close();
    await funding?.close();
  });

  it('refuses any request without a gateway-signed identity, _entities included', async () => {
    for (const query of ['{ fundingAwards { totalCount } }', `{ _entities(representations: [{ __typename: "Park", id: "${luzhouPark.id}" }]) { __typename } }`]) {
      const response = await postGraphQL(funding.url, query);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('seeds the recognised demo parks’ awards once, with exact amounts', async () => {
    expect(await fundingService.seedDemo!(funding.service.dataSource)).toBe(0);
    const response = await asGateway<{ fundingAward: AwardNode }>(funding.url, finance, `query($id: ID!) { fundingAward(id: $id) { id kind year amount amountYuan status park { id } } }`, { id: demoAwardId(luzhouPark.id) });
    expect(response.data?.fundingAward).toEqual({ id: demoAwardId(luzhouPark.id), kind: 'RECOGNITION_AWARD', year: 2023, amount: '80000000', amountYuan: '800,000.00', status: 'PAID', park: { id: luzhouPark.id } });
  });

  it('shows finance every award, newest first, page by page', async () => {
    const [{ n }] = await sql<{ n: string }>(`SELECT count(*) AS n FROM funding.funding_award`);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { data?: ListResult | null } = await asGateway<ListResult>(funding.url, finance, LIST, { first: 1, after });
      expect(page.data!.fundingAwards.totalCount).toBe(Number(n));
      seen.push(...page.data!.fundingAwards.edges.map((edge) => edge.node.id));
      after = page.data!.fundingAwards.pageInfo.hasNextPage ? page.data!.fundingAwards.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(Number(n));
    expect(await awardIdsSeenBy(finance, { countyCode: '140471' })).toEqual([demoAwardId(hiTechPark.id)]);
    expect(await awardIdsSeenBy(finance, { year: 2023, kind: 'RECOGNITION_AWARD', status: 'PAID' })).toEqual([demoAwardId(luzhouPark.id)]);
  });

  it('keeps a county officer to its county and an operator to its park', async () => {
    expect(await awardIdsSeenBy(luzhou)).toEqual([demoAwardId(luzhouPark.id)]);
    expect(await awardIdsSeenBy(luzhou, { countyCode: '140471' })).toEqual([]);
    expect(await awardIdsSeenBy(hiTechOperator)).toEqual([demoAwardId(hiTechPark.id)]);
    const other = await asGateway(funding.url, luzhou, `query($id: ID!) { fundingAward(id: $id) { id } }`, { id: demoAwardId(hiTechPark.id) });
    expect(errorCode(other)).toBe('FORBIDDEN');
  });

  it('refuses per-park funding to the data team (aggregates only)', async () => {
    expect(errorCode(await asGateway(funding.url, dataTeam, LIST))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, dataTeam, PARK_AWARDS, { r: parkRepresentations([luzhouPark.id]) }))).toBe('FORBIDDEN');
  });

  it('resolves Park representations to their awards, amounts exact as strings', async () => {
    const unknown = randomUUID();
    const response = await asGateway<ParkEntities>(funding.url, finance, PARK_AWARDS, { r: parkRepresentations([luzhouPark.id, hiTechPark.id, xiangyuanPark.id, unknown, 'not-a-uuid']) });
    expect(response.errors).toBeUndefined();
    const [luzhouAwards, hiTechAwards, xiangyuanAwards, unknownAwards, malformed] = response.data!._entities;
    expect(luzhouAwards.fundingAwards).toEqual([{ id: demoAwardId(luzhouPark.id), kind: 'RECOGNITION_AWARD', year: 2023, amount: '80000000', amountYuan: '800,000.00', status: 'PAID', park: { id: luzhouPark.id } }]);
    expect(hiTechAwards.fundingAwards).toMatchObject([{ year: 2024, amount: '80000000', amountYuan: '800,000.00' }]);
    expect([xiangyuanAwards.fundingAwards, unknownAwards.fundingAwards, malformed.fundingAwards]).toEqual([[], [], []]);
  });

  it('guards the FundingAward _entities path like Query.fundingAward', async () => {
    const representations = [{ __typename: 'FundingAward', id: demoAwardId(hiTechPark.id) }];
    expect(errorCode(await asGateway(funding.url, luzhou, AWARD_ENTITIES, { r: representations }))).toBe('FORBIDDEN');
    const allowed = await asGateway<{ _entities: Array<{ amount: string }> }>(funding.url, hiTechOperator, AWARD_ENTITIES, { r: representations });
    expect(allowed.data?._entities).toEqual([{ id: representations[0].id, amount: '80000000' }]);
  });

  it('refuses a second recognition award for a park, and a second subsidy for a park and year', async () => {
    const insert = (kind: string, year: number) => sql(`INSERT INTO funding.funding_award (park_id, kind, year, amount_fen, status) VALUES ($1, $2, $3, 80000000, 'PENDING')`, [luzhouPark.id, kind, year]);
    await expect(insert('RECOGNITION_AWARD', 2025)).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'funding_award_one_recognition_per_park_idx' } });
    await insert('OPERATING_SUBSIDY', 2024);
    await expect(insert('OPERATING_SUBSIDY', 2024)).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'funding_award_one_subsidy_per_park_year_idx' } });
    await sql(`DELETE FROM funding.funding_award WHERE park_id = $1 AND kind = 'OPERATING_SUBSIDY'`, [luzhouPark.id]);
  });

  it('follows a park to its new county when the registry says it moved', async () => {
    const award = demoAwardId(luzhouPark.id);
    expect(await awardIdsSeenBy(shangdang)).toEqual([]);
    await events.deliver(parkProfileChangedEvent({ parkId: luzhouPark.id, name: luzhouPark.name, officialName: `长治${luzhouPark.name}`, countyCode: '140404', status: 'RECOGNISED', version: 2 }));
    await waitFor(async () => ((await sql<{ county_code: string }>(`SELECT county_code FROM funding.park_ref WHERE park_id = $1`, [luzhouPark.id]))[0].county_code === '140404' ? true : undefined), 'park_ref to move');
    expect(await awardIdsSeenBy(shangdang)).toEqual([award]);
    expect(await awardIdsSeenBy(luzhou)).toEqual([]);
  });

  it('applies the same event once however often it is delivered', async () => {
    const envelope = parkProfileChangedEvent({ parkId: hiTechPark.id, name: '高新区人力资源服务产业园（新址）', officialName: '长治高新区人力资源服务产业园（新址）', countyCode: '140471', status: 'RECOGNISED', version: 2 });
    const applied = await Promise.all(['first', 'again'].map((delivery) => events.deliver(envelope, `${envelope.id}-${delivery}`)));
    expect(applied.sort()).toEqual([false, true]);
    expect(await sql(`SELECT event_id FROM funding.inbox_event WHERE event_id = $1`, [envelope.id])).toHaveLength(1);
    expect(await sql(`SELECT name, source_version FROM funding.park_ref WHERE park_id = $1`, [hiTechPark.id])).toEqual([{ name: '高新区人力资源服务产业园（新址）', source_version: 2 }]);
  });

  it('runs as many SQL statements for 20 parks as for 5', async () => {
    const parkIds = await createParkRefs(funding.service.dataSource, 'funding', { count: 20, namePrefix: '批量园区' });
    const ids = parkIds;
    await sql(
      `INSERT INTO funding.funding_award (park_id, kind, year, amount_fen, status)
       SELECT id, kind, 2025, 30000000, 'APPROVED' FROM unnest($1::uuid[]) AS id CROSS JOIN (VALUES ('RECOGNITION_AWARD'), ('OPERATING_SUBSIDY')) AS k(kind)`,
      [ids],
    );
    const statementsFor = async (parkIds: string[]) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<ParkEntities>(funding.url, finance, PARK_AWARDS, { r: parkRepresentations(parkIds) });
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities.every((park) => park.fundingAwards.length === 2)).toBe(true);
      return statementTotals.inRequests - before;
    };
    const forFive = await statementsFor(ids.slice(0, 5));
    expect(await statementsFor(ids)).toBe(forFive);
    expect(forFive).toBeLessThanOrEqual(2);
  });
});
