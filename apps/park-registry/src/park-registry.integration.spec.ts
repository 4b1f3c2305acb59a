import type { Identity } from '@cz/auth';
import { asGateway, errorCode, postGraphQL, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { registryService } from './service';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const xiangyuan: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140423' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };

const REGISTER = `mutation($input: RegisterParkInput!) { registerPark(input: $input) { id name status version contactPhone county { code name } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateParkProfileInput!) { updateParkProfile(id: $id, expectedVersion: $v, input: $input) { id name version countyCode: county { code } } }`;

const form = {
  name: '潞州人力资源服务产业园',
  countyCode: '140403',
  address: '长治市潞州区英雄北路 168 号',
  contactName: '王晓燕',
  contactPhone: '13835501234',
  propertyOwnership: '国有',
  registeredOn: '2021-03-18',
  constructionInvestmentFen: '2860000000',
  buildingAreaM2: '5200.00',
  managementTeamSize: 18,
  constructionMode: 'RENOVATED',
  servicesOffered: ['POLICY_CONSULTING'],
};

describe('park registry subgraph (real PostgreSQL and Redis)', () => {
  let registry: TestSubgraph;
  const count = async (table: string) => Number((await registry.service.dataSource.query(`SELECT count(*) AS n FROM registry.${table}`))[0].n);

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService);
  });
  afterAll(async () => {
    await registry.close();
  });

  it('refuses any request without a gateway-signed identity, _service and _entities included', async () => {
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: [{ __typename: "Park", id: "x" }]) { __typename } }', '{ counties { code } }']) {
      const response = await postGraphQL(registry.url, query);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('registers a park, with its event and audit row in the same commit', async () => {
    const before = { outbox: await count('outbox_event'), audit: await count('audit_log') };
    const response = await asGateway<{ registerPark: { id: string; status: string; version: number; county: { name: string } } }>(registry.url, luzhou, REGISTER, { input: form });
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerPark).toMatchObject({ status: 'CANDIDATE', version: 1, county: { name: '潞州区' } });
    expect(await count('outbox_event')).toBe(before.outbox + 1);
    expect(await count('audit_log')).toBe(before.audit + 1);
    const [event] = await registry.service.dataSource.query(`SELECT type, payload FROM registry.outbox_event WHERE aggregate_id = $1`, [response.data!.registerPark.id]);
    expect(event).toMatchObject({ type: 'registry.park-profile-changed', payload: { countyCode: '140403', status: 'CANDIDATE', version: 1 } });
    const [audit] = await registry.service.dataSource.query(`SELECT changes FROM registry.audit_log WHERE target_id = $1`, [response.data!.registerPark.id]);
    expect(audit.changes.contactPhone).toBe('[personal data changed]');
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const before = { parks: await count('park'), outbox: await count('outbox_event') };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ buildingAreaM2: '-3000' }, 'buildingAreaM2'],
      [{ countyCode: '999999' }, 'countyCode'],
      [{ contactPhone: '555-CALL-NOW' }, 'contactPhone'],
    ];
    for (const [change, field] of cases) {
      const response = await asGateway(registry.url, city, REGISTER, { input: { ...form, ...change } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.field).toBe(field);
      expect(response.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count('park')).toBe(before.parks);
    expect(await count('outbox_event')).toBe(before.outbox);
  });

  it('keeps a county officer to its own county', async () => {
    const response = await asGateway(registry.url, xiangyuan, REGISTER, { input: form });
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('lets one of two concurrent edits win and gives the other CONFLICT', async () => {
    const created = await asGateway<{ registerPark: { id: string } }>(registry.url, city, REGISTER, { input: { ...form, name: '并发测试园区' } });
    const id = created.data!.registerPark.id;
    const [first, second] = await Promise.all([
      asGateway(registry.url, city, UPDATE, { id, v: 1, input: { address: '地址甲 1 号' } }),
      asGateway(registry.url, luzhou, UPDATE, { id, v: 1, input: { address: '地址乙 2 号' } }),
    ]);
    const codes = [first, second].map((response) => (response.errors ? errorCode(response) : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const [row] = await registry.service.dataSource.query(`SELECT version FROM registry.park WHERE id = $1`, [id]);
    expect(row.version).toBe(2);
    expect(Number((await registry.service.dataSource.query(`SELECT count(*) AS n FROM registry.outbox_event WHERE aggregate_id = $1`, [id]))[0].n)).toBe(2);
  });

  it('lets only the city bureau move a park to another county', async () => {
    const created = await asGateway<{ registerPark: { id: string } }>(registry.url, luzhou, REGISTER, { input: { ...form, name: '迁移测试园区' } });
    const id = created.data!.registerPark.id;
    expect(errorCode(await asGateway(registry.url, luzhou, UPDATE, { id, v: 1, input: { countyCode: '140423' } }))).toBe('FORBIDDEN');
    const moved = await asGateway<{ updateParkProfile: { countyCode: { code: string } } }>(registry.url, city, UPDATE, { id, v: 1, input: { countyCode: '140423' } });
    expect(moved.data?.updateParkProfile.countyCode.code).toBe('140423');
  });

  it('masks contact details for every role, the entitled ones included (Art 17)', async () => {
    const query = `{ parks(first: 1, filter: { countyCode: "140403" }) { edges { node { contactName contactPhone } } } }`;
    for (const identity of [dataTeam, luzhou, city]) {
      const masked = await asGateway<{ parks: { edges: Array<{ node: { contactName: string; contactPhone: string } }> } }>(registry.url, identity, query);
      expect(masked.data?.parks.edges[0].node).toEqual({ contactName: '王**', contactPhone: '138****1234' });
    }
  });

  it('guards the _entities path like Query.park', async () => {
    const [park] = await registry.service.dataSource.query(`SELECT id FROM registry.park WHERE county_code = '140403' LIMIT 1`);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id name } } }`;
    const representations = [{ __typename: 'Park', id: park.id }];
    expect(errorCode(await asGateway(registry.url, xiangyuan, query, { r: representations }))).toBe('FORBIDDEN');
    const allowed = await asGateway<{ _entities: Array<{ id: string }> }>(registry.url, luzhou, query, { r: representations });
    expect(allowed.data?._entities[0].id).toBe(park.id);
  });

  it('pages through parks with cursors and refuses an absurd page size', async () => {
    const page = `query($after: String) { parks(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = { parks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } };
    const seen: string[] = [];
    let after: string | undefined;
    let total = 0;
    do {
      const response = await asGateway<Page>(registry.url, city, page, { after });
      total = response.data!.parks.totalCount;
      seen.push(...response.data!.parks.edges.map((edge) => edge.node.id));
      after = response.data!.parks.pageInfo.hasNextPage ? response.data!.parks.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const tooMany = await asGateway(registry.url, city, `{ parks(first: 1000) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('never shows SQL or stack traces to a client', async () => {
    const response = await asGateway(registry.url, city, `{ park(id: "00000000-0000-0000-0000-000000000000") { id } }`);
    expect(response.data?.park).toBeNull();
    expect(JSON.stringify(response)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});
