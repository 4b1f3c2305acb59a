import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, createParkRefs, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { fundingService } from '../service';

const [luzhouPark, , xiangyuanPark] = DEMO_PARKS;
const luzhouOperator: Identity = { subject: 'operator-1', role: 'PARK_OPERATOR', parkId: luzhouPark.id };
const xiangyuanOperator: Identity = { subject: 'operator-3', role: 'PARK_OPERATOR', parkId: xiangyuanPark.id };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const xiangyuanCounty: Identity = { subject: 'county-3', role: 'COUNTY_BUREAU', countyCode: xiangyuanPark.countyCode };
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };

const TAIHANG = '《关于实施“太行英才计划”全方位推动高质量发展的行动方案（试行）》';
const FIELDS = 'id park { id } enterpriseName enterpriseCreditCode policyName kind amount amountYuan status appliedOn decidedOn note version recordedBy';
const RECORD = `mutation($parkId: ID!, $input: EnterpriseSubsidyInput!) { recordEnterpriseSubsidy(parkId: $parkId, input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $status: EnterpriseSubsidyStatus!, $decidedOn: Date, $note: String) {
  updateEnterpriseSubsidyStatus(id: $id, expectedVersion: $v, status: $status, decidedOn: $decidedOn, note: $note) { ${FIELDS} } }`;
const LIST = `query($filter: EnterpriseSubsidyReferenceFilter) { enterpriseSubsidyReferences(first: 100, filter: $filter) { totalCount edges { node { id kind status park { id } } } } }`;
const PARK_SUBSIDIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id enterpriseSubsidies { id amount } } } }`;
const REFERENCE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on EnterpriseSubsidyReference { id status } } }`;

interface Reference {
  id: string;
  park: { id: string };
  kind: string;
  amount: string;
  amountYuan: string;
  status: string;
  appliedOn: string;
  decidedOn: string | null;
  version: number;
}

const today = shanghaiDate(new Date());
const daysFrom = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const appliedOn = daysFrom(today, -30);

describe('Art 12 references: subsidies resident enterprises applied for under other policies (real PostgreSQL)', () => {
  let funding: TestSubgraph;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const written = async () => (await sql<{ refs: number; audit: number }>(`SELECT (SELECT count(*)::int FROM funding.enterprise_subsidy_reference) AS refs, (SELECT count(*)::int FROM funding.audit_log WHERE outcome = 'SUCCEEDED') AS audit`))[0];
  const input = (overrides: Record<string, unknown> = {}) => ({
    enterpriseName: '长治市英才人力资源有限公司',
    enterpriseCreditCode: '91140400MA0K12345X',
    policyName: TAIHANG,
    kind: 'TALENT',
    amount: '5000000',
    appliedOn,
    ...overrides,
  });
  const record = (identity: Identity, parkId: string, overrides: Record<string, unknown> = {}) =>
    asGateway<{ recordEnterpriseSubsidy: Reference }>(funding.url, identity, RECORD, { parkId, input: input(overrides) });
  const update = (identity: Identity, id: string, v: number, status: string, decidedOn?: string) => asGateway<{ updateEnterpriseSubsidyStatus: Reference }>(funding.url, identity, UPDATE, { id, v, status, decidedOn });
  const list = async (identity: Identity, filter: Record<string, unknown> = {}) => {
    const response = await asGateway<{ enterpriseSubsidyReferences: { totalCount: number; edges: Array<{ node: Reference }> } }>(funding.url, identity, LIST, { filter });
    expect(response.errors).toBeUndefined();
    return response.data!.enterpriseSubsidyReferences;
  };
  const fieldOf = (response: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.field;

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
  });
  afterAll(async () => {
    await funding?.close();
  });

  it('records a 太行英才计划 talent subsidy, lets the county mark it granted, and keeps decisions final and versions guarded', async () => {
    const recorded = await record(luzhouOperator, luzhouPark.id);
    expect(recorded.errors).toBeUndefined();
    const reference = recorded.data!.recordEnterpriseSubsidy;
    expect(reference).toMatchObject({ park: { id: luzhouPark.id }, policyName: TAIHANG, kind: 'TALENT', amount: '5000000', amountYuan: '50,000.00', status: 'APPLIED', appliedOn, decidedOn: null, version: 1, recordedBy: 'operator-1' });

    const decidedOn = daysFrom(today, -1);
    const granted = await update(luzhouCounty, reference.id, 1, 'GRANTED', decidedOn);
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.updateEnterpriseSubsidyStatus).toMatchObject({ status: 'GRANTED', decidedOn, version: 2, amount: '5000000' });

    const before = await written();
    expect(errorCode(await update(luzhouCounty, reference.id, 1, 'REJECTED', decidedOn))).toBe('CONFLICT');
    expect(errorCode(await update(luzhouCounty, reference.id, 2, 'APPLIED'))).toBe('CONFLICT');
    expect(errorCode(await update(city, reference.id, 2, 'WITHDRAWN'))).toBe('CONFLICT');
    expect(await written()).toEqual(before);

    const audit = await sql<{ operation: string; actor: string; changes: Record<string, unknown> }>(`SELECT operation, actor, changes FROM funding.audit_log WHERE target_id = $1 ORDER BY id`, [reference.id]);
    expect(audit.map((row) => [row.operation, row.actor])).toEqual([
      ['funding.references.manage', 'operator-1'],
      ['funding.references.manage', 'county-1'],
    ]);
    expect(audit[1].changes).toMatchObject({ status: ['APPLIED', 'GRANTED'], decidedOn, version: [1, 2] });
  });

  it('lets only one of two concurrent decisions on the same version apply', async () => {
    const { id } = (await record(city, luzhouPark.id, { enterpriseCreditCode: '91140400MA0K2C3D4E', kind: 'LOAN_INTEREST', policyName: '创业担保贷款贴息政策' })).data!.recordEnterpriseSubsidy;
    const results = await Promise.all([update(luzhouCounty, id, 1, 'GRANTED', today), update(luzhouOperator, id, 1, 'WITHDRAWN')]);
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined].sort());
    expect(await sql(`SELECT version FROM funding.enterprise_subsidy_reference WHERE id = $1`, [id])).toEqual([{ version: 2 }]);
  });

  it('refuses writers outside the park’s jurisdiction, and the data team even reading', async () => {
    const before = await written();
    expect(errorCode(await record(xiangyuanOperator, luzhouPark.id))).toBe('FORBIDDEN');
    expect(errorCode(await record(xiangyuanCounty, luzhouPark.id))).toBe('FORBIDDEN');
    expect(errorCode(await record(finance, luzhouPark.id))).toBe('FORBIDDEN');
    const { id } = (await record(luzhouOperator, luzhouPark.id, { enterpriseCreditCode: '91140400MA0K3F5G6H', kind: 'JOB_REFERRAL', policyName: '职业介绍补贴政策' })).data!.recordEnterpriseSubsidy;
    const afterRecord = await written();
    expect(afterRecord).toEqual({ refs: before.refs + 1, audit: before.audit + 1 });
    expect(errorCode(await update(xiangyuanOperator, id, 1, 'WITHDRAWN'))).toBe('FORBIDDEN');
    expect(errorCode(await update(xiangyuanCounty, id, 1, 'REJECTED', today))).toBe('FORBIDDEN');
    expect(await written()).toEqual(afterRecord);

    expect(errorCode(await asGateway(funding.url, dataTeam, LIST))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, dataTeam, PARK_SUBSIDIES, { r: [{ __typename: 'Park', id: luzhouPark.id }] }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, dataTeam, REFERENCE, { r: [{ __typename: 'EnterpriseSubsidyReference', id }] }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, xiangyuanOperator, REFERENCE, { r: [{ __typename: 'EnterpriseSubsidyReference', id }] }))).toBe('FORBIDDEN');
    const own = await asGateway<{ _entities: Reference[] }>(funding.url, luzhouCounty, REFERENCE, { r: [{ __typename: 'EnterpriseSubsidyReference', id }] });
    expect(own.data?._entities).toEqual([{ id, status: 'APPLIED' }]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await written();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ enterpriseCreditCode: '91140400MA0K1234' }, 'input.enterpriseCreditCode'],
      [{ enterpriseCreditCode: '91140400MA0K12345O' }, 'input.enterpriseCreditCode'],
      [{ amount: '-5000000' }, 'input.amount'],
      [{ amount: '0' }, 'input.amount'],
      [{ appliedOn: daysFrom(today, 1) }, 'input.appliedOn'],
      [{ enterpriseName: ' ' }, 'input.enterpriseName'],
    ];
    for (const [overrides, field] of cases) {
      const response = await record(luzhouOperator, luzhouPark.id, overrides);
      expect([errorCode(response), fieldOf(response)]).toEqual(['BAD_USER_INPUT', field]);
    }
    // A float never reaches a resolver: the Money scalar refuses it while coercing the variables.
    for (const amount of [50000.5, '5000000.5']) {
      const response = await record(luzhouOperator, luzhouPark.id, { amount });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toContain('amount');
    }
    const { id } = (await record(luzhouOperator, luzhouPark.id, { enterpriseCreditCode: '91140400MA0K4J7K8L', kind: 'OTHER', policyName: '其他政策' })).data!.recordEnterpriseSubsidy;
    const afterRecord = await written();
    const early = await update(luzhouCounty, id, 1, 'GRANTED', daysFrom(appliedOn, -1));
    expect([errorCode(early), fieldOf(early)]).toEqual(['BAD_USER_INPUT', 'decidedOn']);
    const undated = await update(luzhouCounty, id, 1, 'REJECTED');
    expect([errorCode(undated), fieldOf(undated)]).toEqual(['BAD_USER_INPUT', 'decidedOn']);
    const future = await update(luzhouCounty, id, 1, 'GRANTED', daysFrom(today, 1));
    expect([errorCode(future), fieldOf(future)]).toEqual(['BAD_USER_INPUT', 'decidedOn']);
    expect(await written()).toEqual(afterRecord);
    expect(await sql(`SELECT status, version FROM funding.enterprise_subsidy_reference WHERE id = $1`, [id])).toEqual([{ status: 'APPLIED', version: 1 }]);
    // The same application recorded twice is one record.
    expect(errorCode(await record(luzhouOperator, luzhouPark.id, { enterpriseCreditCode: '91140400MA0K4J7K8L', kind: 'OTHER', policyName: '其他政策' }))).toBe('CONFLICT');
    expect(await written()).toEqual(afterRecord);
    expect(before.refs).toBe(afterRecord.refs - 1);
  });

  it('lists by county, status and kind, within each caller’s reach', async () => {
    const other = await record(xiangyuanOperator, xiangyuanPark.id, { enterpriseCreditCode: '91140423MA0K5M9N0P', kind: 'EMPLOYMENT_ENTREPRENEURSHIP', policyName: '就业创业补贴政策' });
    expect(other.errors).toBeUndefined();
    const all = await list(finance);
    const byCounty = await list(finance, { countyCode: '140403' });
    expect(byCounty.totalCount).toBeGreaterThan(0);
    expect(byCounty.edges.every((edge) => edge.node.park.id === luzhouPark.id)).toBe(true);
    expect((await list(city, { countyCode: xiangyuanPark.countyCode })).edges.map((edge) => edge.node.kind)).toEqual(['EMPLOYMENT_ENTREPRENEURSHIP']);
    expect(all.totalCount).toBe(byCounty.totalCount + 1);
    expect((await list(finance, { kind: 'TALENT' })).edges.map((edge) => [edge.node.kind, edge.node.status])).toEqual([['TALENT', 'GRANTED']]);
    expect((await list(finance, { status: 'APPLIED', kind: 'EMPLOYMENT_ENTREPRENEURSHIP' })).totalCount).toBe(1);
    expect((await list(finance, { appliedYear: Number(appliedOn.slice(0, 4)) - 1 })).totalCount).toBe(0);
    expect((await list(xiangyuanCounty)).totalCount).toBe(1);
    expect((await list(xiangyuanOperator)).totalCount).toBe(1);
    expect((await list(luzhouOperator)).totalCount).toBe(byCounty.totalCount);
  });

  it('resolves Park.enterpriseSubsidies for 2 and for 6 parks with the same number of SQL statements', async () => {
    const parkIds = await createParkRefs(funding.service.dataSource, 'funding', { count: 6, namePrefix: '补贴园区' });
    const ids = parkIds;
    // Park n holds n references of 1,000 × n fen each.
    await sql(
      `INSERT INTO funding.enterprise_subsidy_reference (park_id, enterprise_name, enterprise_credit_code, policy_name, subsidy_kind, amount_fen, applied_on, recorded_by)
       SELECT p.id, '企业' || k, '91140426MA0K' || lpad((p.n * 10 + k)::text, 6, '0'), '太行英才计划', 'TALENT', 1000 * p.n, CURRENT_DATE - 1, 'seed'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n) CROSS JOIN generate_series(1, 6) AS k WHERE k <= p.n`,
      [ids],
    );
    const subsidiesOf = async (parkIds: string[]) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<{ _entities: Array<{ id: string; enterpriseSubsidies: Array<{ amount: string }> }> }>(funding.url, finance, PARK_SUBSIDIES, {
        r: parkIds.map((id) => ({ __typename: 'Park', id })),
      });
      expect(response.errors).toBeUndefined();
      return { amounts: response.data!._entities.map((park) => park.enterpriseSubsidies.map((subsidy) => subsidy.amount)), statements: statementTotals.inRequests - before };
    };
    const two = await subsidiesOf(ids.slice(0, 2));
    const six = await subsidiesOf(ids);
    expect(two.amounts).toEqual([['1000'], ['2000', '2000']]);
    expect(six.amounts).toEqual(ids.map((_, index) => Array(index + 1).fill(String(1000 * (index + 1)))));
    expect(six.statements).toBe(two.statements);
    expect(two.statements).toBeLessThanOrEqual(2);
    expect(errorCode(await asGateway(funding.url, luzhouCounty, PARK_SUBSIDIES, { r: [{ __typename: 'Park', id: ids[0] }] }))).toBe('FORBIDDEN');
  });
});
