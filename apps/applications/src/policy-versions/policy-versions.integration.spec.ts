import { ANONYMOUS, type Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { CITY_MEASURES } from '@cz/policy';
import type { PolicyVersionChangedPayload } from '@cz/queue-contracts';
import { asGateway, errorCode, type GraphQLResponse, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { applicationsService } from '../service';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const xiangyuanOfficer: Identity = { subject: 'county-23', role: 'COUNTY_BUREAU', countyCode: '140423' };

const XIANGYUAN = '140423';
const LUZHOU = '140403';

const PARAMETERS = `parameters { singleSiteMinAreaM2 coreSiteMinAreaM2 totalMinAreaM2 maxSubParks minInstitutions revenueTotalMinFen
  revenueTiers { count exceedsFen } requiredPublicServices publicityMinWorkingDays recognitionAwardFen
  operatingSubsidy { thresholdPercentOfTargets baseFen perPersonAboveFen capFen } }`;
const VERSION = `code title jurisdictionKind countyCode effectiveFrom effectiveTo ${PARAMETERS}`;
const LIST = `{ policyVersions { ${VERSION} } }`;
const IN_FORCE = `query($countyCode: ID!, $on: Date!) { policyInForce(countyCode: $countyCode, on: $on) { code jurisdictionKind countyCode } }`;
const CREATE = `mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { ${VERSION} } }`;
const END = `mutation($code: ID!, $effectiveTo: Date!) { endPolicyVersion(code: $code, effectiveTo: $effectiveTo) { code effectiveFrom effectiveTo } }`;

type Version = { code: string; jurisdictionKind: string; countyCode: string | null; effectiveFrom: string; effectiveTo: string | null; parameters: Record<string, unknown> };

/** A county's own measures (Art 22): smaller thresholds than the city's. */
function countyVersion(code: string, effectiveFrom: string, effectiveTo: string | null = null, overrides: Record<string, unknown> = {}) {
  return {
    code,
    title: '襄垣县人力资源服务产业园认定管理办法',
    jurisdictionKind: 'COUNTY',
    countyCode: XIANGYUAN,
    effectiveFrom,
    effectiveTo,
    parameters: { ...CITY_MEASURES.parameters, singleSiteMinAreaM2: '1500', minInstitutions: 6, ...overrides },
  };
}

describe('policy versions (Art 21–22, real PostgreSQL)', () => {
  let subgraph: TestSubgraph;
  const count = async (sql: string) => Number((await subgraph.service.dataSource.query(sql))[0].count);
  const versionRows = () => count(`SELECT count(*) FROM applications.policy_version`);
  const auditRows = () => count(`SELECT count(*) FROM applications.audit_log WHERE target_type = 'PolicyVersion'`);
  const inForce = async (countyCode: string, on: string) => {
    const response = await asGateway<{ policyInForce: { code: string } | null }>(subgraph.url, ANONYMOUS, IN_FORCE, { countyCode, on });
    expect(response.errors).toBeUndefined();
    return response.data?.policyInForce?.code ?? null;
  };
  const create = (identity: Identity, input: Record<string, unknown>) => asGateway<{ createPolicyVersion: Version }>(subgraph.url, identity, CREATE, { input });
  const field = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.field;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('lets anyone read the versions, the seeded city measures with every parameter', async () => {
    const response = await asGateway<{ policyVersions: Version[] }>(subgraph.url, ANONYMOUS, LIST);
    expect(response.errors).toBeUndefined();
    const [seeded] = response.data!.policyVersions;
    expect(seeded).toEqual({
      code: CITY_MEASURES.code,
      title: CITY_MEASURES.title,
      jurisdictionKind: 'CITY',
      countyCode: null,
      effectiveFrom: CITY_MEASURES.effectiveFrom,
      effectiveTo: null,
      parameters: CITY_MEASURES.parameters,
    });
  });

  it('puts the city measures in force for every county today, and none before they took effect', async () => {
    const today = shanghaiDate(new Date());
    expect(await inForce(LUZHOU, today)).toBe(CITY_MEASURES.code);
    expect(await inForce(XIANGYUAN, today)).toBe(CITY_MEASURES.code);
    expect(await inForce(LUZHOU, '2023-12-31')).toBeNull();
    const malformed = await asGateway(subgraph.url, ANONYMOUS, IN_FORCE, { countyCode: 'luzhou', on: today });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(field(malformed)).toBe('countyCode');
  });

  it("lets the city bureau give a county its own version, which governs that county's parks only (Art 22)", async () => {
    const auditBefore = await auditRows();
    const created = await create(city, countyVersion('XY-2031', '2031-01-01', '2031-12-31'));
    expect(created.errors).toBeUndefined();
    expect(created.data?.createPolicyVersion).toMatchObject({ code: 'XY-2031', jurisdictionKind: 'COUNTY', countyCode: XIANGYUAN, effectiveTo: '2031-12-31', parameters: { singleSiteMinAreaM2: '1500', minInstitutions: 6 } });
    expect(await auditRows()).toBe(auditBefore + 1);

    expect(await inForce(XIANGYUAN, '2030-12-31')).toBe(CITY_MEASURES.code);
    expect(await inForce(XIANGYUAN, '2031-01-01')).toBe('XY-2031');
    expect(await inForce(XIANGYUAN, '2031-12-31')).toBe('XY-2031');
    expect(await inForce(XIANGYUAN, '2032-01-01')).toBe(CITY_MEASURES.code);
    expect(await inForce(LUZHOU, '2031-06-01')).toBe(CITY_MEASURES.code);
  });

  it('refuses a period overlapping another version of the same jurisdiction with CONFLICT, writing nothing', async () => {
    const [rows, audit] = [await versionRows(), await auditRows()];
    for (const [from, to] of [['2031-12-31', null], ['2030-06-01', '2031-01-01'], ['2031-03-01', '2031-03-01']] as const) {
      const response = await create(city, countyVersion(`XY-OVERLAP-${from}`, from, to));
      expect(errorCode(response)).toBe('CONFLICT');
      expect(response.errors?.[0].message).toContain('XY-2031');
    }
    // The city's own open-ended version overlaps any new city version.
    expect(errorCode(await create(city, { ...countyVersion('CZ-2031', '2031-01-01'), jurisdictionKind: 'CITY', countyCode: null }))).toBe('CONFLICT');
    expect(errorCode(await create(city, countyVersion('XY-2031', '2040-01-01')))).toBe('CONFLICT');
    expect([await versionRows(), await auditRows()]).toEqual([rows, audit]);
  });

  it('lets two overlapping versions race: exactly one is written', async () => {
    const responses = await Promise.all(['XY-RACE-A', 'XY-RACE-B'].map((code) => create(city, countyVersion(code, '2033-01-01', '2033-12-31'))));
    expect(responses.map(errorCode).sort()).toEqual(['CONFLICT', undefined]);
    expect(await count(`SELECT count(*) FROM applications.policy_version WHERE code LIKE 'XY-RACE-%'`)).toBe(1);
  });

  it('ends a version so a successor can follow the next day', async () => {
    const successor = countyVersion('XY-2032', '2032-01-01');
    expect(errorCode(await create(city, { ...successor, effectiveFrom: '2031-12-01' }))).toBe('CONFLICT');
    const ended = await asGateway<{ endPolicyVersion: { effectiveTo: string } }>(subgraph.url, city, END, { code: 'XY-2031', effectiveTo: '2031-11-30' });
    expect(ended.errors).toBeUndefined();
    expect(ended.data?.endPolicyVersion.effectiveTo).toBe('2031-11-30');
    expect((await create(city, { ...successor, effectiveFrom: '2031-12-01', effectiveTo: '2032-12-31' })).errors).toBeUndefined();
    expect(await inForce(XIANGYUAN, '2031-12-01')).toBe('XY-2032');
    const later = await asGateway(subgraph.url, city, END, { code: 'XY-2031', effectiveTo: '2031-12-15' });
    expect(errorCode(later)).toBe('BAD_USER_INPUT');
    expect(field(later)).toBe('effectiveTo');
    expect(errorCode(await asGateway(subgraph.url, city, END, { code: 'NO-SUCH', effectiveTo: '2031-12-15' }))).toBe('NOT_FOUND');
  });

  it('lets only the city bureau manage versions', async () => {
    const rows = await versionRows();
    const byCounty = await create(xiangyuanOfficer, countyVersion('XY-BY-COUNTY', '2035-01-01'));
    expect(errorCode(byCounty)).toBe('FORBIDDEN');
    expect(errorCode(await create(ANONYMOUS, countyVersion('XY-BY-PUBLIC', '2035-01-01')))).toBe('UNAUTHENTICATED');
    expect(errorCode(await asGateway(subgraph.url, xiangyuanOfficer, END, { code: CITY_MEASURES.code, effectiveTo: '2035-01-01' }))).toBe('FORBIDDEN');
    expect(await versionRows()).toBe(rows);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const [rows, audit] = [await versionRows(), await auditRows()];
    const cases: Array<[string, Record<string, unknown>]> = [
      ['parameters.revenueTotalMinFen', countyVersion('XY-BAD-1', '2036-01-01', null, { revenueTotalMinFen: '-1' })],
      ['parameters.singleSiteMinAreaM2', countyVersion('XY-BAD-2', '2036-01-01', null, { singleSiteMinAreaM2: '1500.001' })],
      ['parameters.revenueTiers[1].count', countyVersion('XY-BAD-3', '2036-01-01', null, { revenueTiers: [{ count: 5, exceedsFen: '300000000' }, { count: 0, exceedsFen: '1' }] })],
      ['parameters.operatingSubsidy.capFen', countyVersion('XY-BAD-4', '2036-01-01', null, { operatingSubsidy: { ...CITY_MEASURES.parameters.operatingSubsidy, capFen: '1' } })],
      ['countyCode', { ...countyVersion('XY-BAD-5', '2036-01-01'), countyCode: '1404' }],
      ['countyCode', { ...countyVersion('XY-BAD-6', '2036-01-01'), jurisdictionKind: 'CITY' }],
      ['effectiveTo', countyVersion('XY-BAD-7', '2036-01-01', '2035-12-31')],
      ['effectiveFrom', countyVersion('XY-BAD-8', '2020-01-01')],
      ['code', countyVersion('版本 1', '2036-01-01')],
    ];
    for (const [expected, input] of cases) {
      const response = await create(city, input);
      expect({ expected, code: errorCode(response), field: field(response) }).toEqual({ expected, code: 'BAD_USER_INPUT', field: expected });
    }
    expect([await versionRows(), await auditRows()]).toEqual([rows, audit]);
  });
  it('announces every created and ended version to funding in the same transaction, and nothing for a refused change', async () => {
    const events = (code: string) =>
      subgraph.service.dataSource.query<Array<{ type: string; payload: PolicyVersionChangedPayload }>>(
        `SELECT type, payload FROM applications.outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at, id`,
        [code],
      );
    const pingshun = { ...countyVersion('PS-2040', '2040-01-01'), countyCode: '140425', title: '平顺县人力资源服务产业园认定管理办法' };
    expect((await create(city, pingshun)).errors).toBeUndefined();
    expect(await events('PS-2040')).toEqual([
      {
        type: 'applications.policy-version-changed',
        payload: { version: { code: 'PS-2040', title: pingshun.title, jurisdiction: { kind: 'COUNTY', countyCode: '140425' }, effectiveFrom: '2040-01-01', effectiveTo: null, parameters: pingshun.parameters } },
      },
    ]);

    expect((await asGateway(subgraph.url, city, END, { code: 'PS-2040', effectiveTo: '2040-12-31' })).errors).toBeUndefined();
    const [, ended] = await events('PS-2040');
    expect(ended.type).toBe('applications.policy-version-changed');
    expect(ended.payload.version).toMatchObject({ code: 'PS-2040', effectiveFrom: '2040-01-01', effectiveTo: '2040-12-31', parameters: pingshun.parameters });

    // A refused overlap and a refused end write no event.
    expect(errorCode(await create(city, { ...pingshun, code: 'PS-2040-B' }))).toBe('CONFLICT');
    expect(errorCode(await asGateway(subgraph.url, city, END, { code: 'PS-2040', effectiveTo: '2041-06-30' }))).toBe('BAD_USER_INPUT');
    expect(await events('PS-2040-B')).toEqual([]);
    expect(await events('PS-2040')).toHaveLength(2);
  });
});
