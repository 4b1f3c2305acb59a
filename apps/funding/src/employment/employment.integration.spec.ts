import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, createParkRefs, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { evidenceClient } from '../evidence/evidence.test-support';
import { fundingService } from '../service';

const [luzhouPark, gaoxinPark, candidatePark] = DEMO_PARKS;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode };
const gaoxinCounty: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: gaoxinPark.countyCode };
const luzhouOperator: Identity = { subject: 'operator-1', role: 'PARK_OPERATOR', parkId: luzhouPark.id };
const candidateOperator: Identity = { subject: 'operator-3', role: 'PARK_OPERATOR', parkId: candidatePark.id };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };

const TARGETS = 'year urbanNewEmployment ruralLabourTransfer total version';
const SET_TARGETS = `mutation($year: Int!, $v: Int, $u: Int!, $r: Int!) { setYearlyTargets(year: $year, expectedVersion: $v, urbanNewEmployment: $u, ruralLabourTransfer: $r) { ${TARGETS} } }`;
const READ_TARGETS = `query($year: Int!) { yearlyTargets(year: $year) { ${TARGETS} } }`;
const REPORT = 'id year employmentPromoted evidence evidenceFiles { id fileName } status returnReason version verifiedAt park { id }';
const SUBMIT = `mutation($parkId: ID!, $year: Int!, $n: Int!, $files: [ID!]!, $evidence: String) { reportEmployment(parkId: $parkId, year: $year, employmentPromoted: $n, evidenceFileIds: $files, evidence: $evidence) { ${REPORT} } }`;
const CORRECT = `mutation($id: ID!, $v: Int!, $n: Int!, $files: [ID!]!, $evidence: String) { correctEmploymentReport(reportId: $id, expectedVersion: $v, employmentPromoted: $n, evidenceFileIds: $files, evidence: $evidence) { ${REPORT} } }`;
const VERIFY = `mutation($id: ID!, $v: Int!, $d: EmploymentDecision!, $reason: String) { verifyEmploymentReport(reportId: $id, expectedVersion: $v, decision: $d, reason: $reason) { ${REPORT} } }`;
const LIST = `query($filter: EmploymentReportFilter) { employmentReports(filter: $filter) { totalCount edges { node { id status park { id } } } } }`;
const PARK_REPORTS = `query($r: [_Any!]!, $year: Int) { _entities(representations: $r) { ... on Park { id employmentReports(year: $year) { year employmentPromoted status } } } }`;

interface Report {
  id: string;
  year: number;
  employmentPromoted: number;
  evidence: string;
  evidenceFiles: Array<{ id: string; fileName: string }>;
  status: string;
  returnReason: string | null;
  version: number;
  verifiedAt: string | null;
}

const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));

describe('yearly targets and employment reports (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  let reportId: string;
  let registerFile: string; // luzhou's evidence file, cited by its first report

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const setTargets = (vars: { year: number; v?: number; u: number; r: number }, identity = city) => asGateway<{ setYearlyTargets: Record<string, number> }>(funding.url, identity, SET_TARGETS, vars);
  const submit = (parkId: string, year: number, n: number, identity = luzhouOperator, files = [registerFile]) =>
    asGateway<{ reportEmployment: Report }>(funding.url, identity, SUBMIT, { parkId, year, n, files, evidence: '就业登记台账 JY-2025-01；社保缴费清单' });
  const verify = (id: string, v: number, d: string, identity = luzhouCounty, reason?: string) => asGateway<{ verifyEmploymentReport: Report }>(funding.url, identity, VERIFY, { id, v, d, reason });
  const fieldOf = (response: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.field;
  const notices = () => sql<{ key: string; role: string; county: string | null; park: string | null }>(
    `SELECT payload->>'dedupeKey' AS key, payload->'audience'->>'role' AS role, payload->'audience'->>'countyCode' AS county, payload->'audience'->>'parkId' AS park
     FROM funding.outbox_event WHERE type = 'notification.requested' AND aggregate_id = $1 ORDER BY payload->>'dedupeKey'`,
    [reportId],
  );

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
    registerFile = await evidenceClient(funding.url).uploaded(luzhouOperator, '就业登记台账.pdf');
  });
  afterAll(async () => {
    await funding?.close();
  });

  it('lets the city enter and edit the year’s targets, guarded by version', async () => {
    const entered = await setTargets({ year: 2025, u: 40000, r: 20000 });
    expect(entered.data?.setYearlyTargets).toEqual({ year: 2025, urbanNewEmployment: 40000, ruralLabourTransfer: 20000, total: 60000, version: 1 });
    expect(errorCode(await setTargets({ year: 2025, u: 1, r: 1 }))).toBe('CONFLICT');
    const edited = await setTargets({ year: 2025, v: 1, u: 41000, r: 20000 });
    expect(edited.data?.setYearlyTargets).toMatchObject({ total: 61000, version: 2 });
    expect(errorCode(await setTargets({ year: 2025, v: 1, u: 1, r: 1 }))).toBe('CONFLICT');
    const negative = await setTargets({ year: 2025, v: 2, u: 40000, r: -1 });
    expect([errorCode(negative), fieldOf(negative)]).toEqual(['BAD_USER_INPUT', 'ruralLabourTransfer']);
    expect(errorCode(await setTargets({ year: 2026, u: 1, r: 1 }, luzhouCounty))).toBe('FORBIDDEN');
    expect((await setTargets({ year: 2025, v: 2, u: 40000, r: 20000 })).data?.setYearlyTargets).toMatchObject({ total: 60000, version: 3 });
    // Every signed-in role reads the plan figures; a stale edit changed nothing.
    expect((await asGateway(funding.url, dataTeam, READ_TARGETS, { year: 2025 })).data).toEqual({ yearlyTargets: { year: 2025, urbanNewEmployment: 40000, ruralLabourTransfer: 20000, total: 60000, version: 3 } });
    expect((await asGateway(funding.url, luzhouOperator, READ_TARGETS, { year: 2026 })).data).toEqual({ yearlyTargets: null });
    expect(await sql(`SELECT count(*)::int AS n FROM funding.audit_log WHERE target_type = 'YearlyTargets'`)).toEqual([{ n: 3 }]);
    expect(await sql(`SELECT year FROM funding.yearly_target`)).toEqual([{ year: 2025 }]);
  });

  it('takes one report per park and year, from a recognised park, for a year already begun', async () => {
    const first = await submit(luzhouPark.id, 2025, 9000);
    expect(first.errors).toBeUndefined();
    expect(first.data!.reportEmployment).toMatchObject({ year: 2025, employmentPromoted: 9000, status: 'REPORTED', version: 1, park: { id: luzhouPark.id }, evidenceFiles: [{ id: registerFile, fileName: '就业登记台账.pdf' }] });
    reportId = first.data!.reportEmployment.id;
    expect(errorCode(await submit(luzhouPark.id, 2025, 1))).toBe('CONFLICT');
    expect(errorCode(await submit(candidatePark.id, 2025, 100, candidateOperator))).toBe('CONFLICT');
    const future = await submit(luzhouPark.id, thisYear + 1, 100);
    expect([errorCode(future), fieldOf(future)]).toEqual(['BAD_USER_INPUT', 'year']);
    expect(errorCode(await submit(gaoxinPark.id, 2025, 100))).toBe('FORBIDDEN');
    expect(await sql(`SELECT count(*)::int AS n FROM funding.employment_report`)).toEqual([{ n: 1 }]);
  });

  it('is returned with a reason by the park’s county, corrected by the park, then verified', async () => {
    const missing = await verify(reportId, 1, 'RETURN');
    expect([errorCode(missing), fieldOf(missing)]).toEqual(['BAD_USER_INPUT', 'reason']);
    expect(errorCode(await verify(reportId, 1, 'VERIFY', gaoxinCounty))).toBe('FORBIDDEN');
    expect(errorCode(await verify(reportId, 1, 'VERIFY', city))).toBe('FORBIDDEN');
    const returned = await verify(reportId, 1, 'RETURN', luzhouCounty, '社保缴费清单与台账人数不一致');
    expect(returned.data?.verifyEmploymentReport).toMatchObject({ status: 'RETURNED', returnReason: '社保缴费清单与台账人数不一致', version: 2 });
    expect(errorCode(await verify(reportId, 2, 'VERIFY'))).toBe('CONFLICT');

    const [roster, insurance] = [await evidenceClient(funding.url).uploaded(luzhouOperator, '更正后的就业登记台账.pdf'), await evidenceClient(funding.url).uploaded(luzhouOperator, '社保缴费清单.pdf')];
    const correct = (v: number) => asGateway<{ correctEmploymentReport: Report }>(funding.url, luzhouOperator, CORRECT, { id: reportId, v, n: 9500, files: [insurance, roster] });
    expect(errorCode(await correct(1))).toBe('CONFLICT');
    const corrected = await correct(2);
    // Without a description, the report describes its evidence by the files' names, in the order cited.
    expect(corrected.data?.correctEmploymentReport).toMatchObject({ status: 'REPORTED', employmentPromoted: 9500, returnReason: null, version: 3, evidence: '社保缴费清单.pdf、更正后的就业登记台账.pdf' });
    expect(corrected.data?.correctEmploymentReport.evidenceFiles.map((file) => file.id)).toEqual([insurance, roster]);
    expect(errorCode(await correct(3))).toBe('CONFLICT');

    const verified = await verify(reportId, 3, 'VERIFY');
    expect(verified.data?.verifyEmploymentReport).toMatchObject({ status: 'VERIFIED', employmentPromoted: 9500, version: 4 });
    expect(verified.data?.verifyEmploymentReport.verifiedAt).toEqual(expect.any(String));

    expect(await notices()).toEqual([
      { key: `employment-report:${reportId}:1:reported`, role: 'COUNTY_BUREAU', county: luzhouPark.countyCode, park: null },
      { key: `employment-report:${reportId}:2:returned`, role: 'PARK_OPERATOR', county: null, park: luzhouPark.id },
      { key: `employment-report:${reportId}:3:reported`, role: 'COUNTY_BUREAU', county: luzhouPark.countyCode, park: null },
      { key: `employment-report:${reportId}:4:verified`, role: 'PARK_OPERATOR', county: null, park: luzhouPark.id },
    ]);
    const audit = await sql<{ changes: Record<string, unknown> }>(`SELECT changes FROM funding.audit_log WHERE target_type = 'EmploymentReport' AND target_id = $1 ORDER BY id`, [reportId]);
    expect(audit.map((row) => row.changes.status)).toEqual([[null, 'REPORTED'], ['REPORTED', 'RETURNED'], ['RETURNED', 'REPORTED'], ['REPORTED', 'VERIFIED']]);
    expect(audit[2].changes.employmentPromoted).toEqual([9000, 9500]);
    expect(audit[2].changes.evidenceFileIds).toEqual([[registerFile], [insurance, roster]]);
  });

  it('lists reports within the caller’s reach', async () => {
    const list = (identity: Identity, filter?: Record<string, unknown>) => asGateway<{ employmentReports: { totalCount: number } }>(funding.url, identity, LIST, { filter });
    expect((await list(city, { year: 2025, status: 'VERIFIED' })).data?.employmentReports.totalCount).toBe(1);
    expect((await list(luzhouCounty)).data?.employmentReports.totalCount).toBe(1);
    expect((await list(gaoxinCounty)).data?.employmentReports.totalCount).toBe(0);
    expect((await list(city, { countyCode: gaoxinPark.countyCode })).data?.employmentReports.totalCount).toBe(0);
    expect(errorCode(await list(dataTeam))).toBe('FORBIDDEN');
  });

  it('resolves Park.employmentReports for many parks with the same statements for 2 and 6 parks', async () => {
    const parkIds = await createParkRefs(funding.service.dataSource, 'funding', { count: 5, namePrefix: '就业园区' });
    const ids = [luzhouPark.id, ...parkIds];
    await sql(
      `INSERT INTO funding.employment_report (park_id, year, employment_promoted, evidence, status, reported_by)
       SELECT id, y, 100 * n + y - 2023, '台账', 'REPORTED', 'seed' FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n) CROSS JOIN (VALUES (2023), (2024)) AS years(y)`,
      [ids.slice(1)],
    );
    const reportsOf = async (parkIds: string[], year?: number) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<{ _entities: Array<{ id: string; employmentReports: Array<{ year: number; employmentPromoted: number }> }> }>(funding.url, city, PARK_REPORTS, {
        r: parkIds.map((id) => ({ __typename: 'Park', id })),
        year,
      });
      expect(response.errors).toBeUndefined();
      return { parks: response.data!._entities, statements: statementTotals.inRequests - before };
    };
    const two = await reportsOf(ids.slice(0, 2));
    const six = await reportsOf(ids);
    expect(two.parks[0].employmentReports).toEqual([{ year: 2025, employmentPromoted: 9500, status: 'VERIFIED' }]);
    expect(two.parks[1].employmentReports.map((report) => report.year)).toEqual([2024, 2023]);
    expect(six.parks.map((park) => park.employmentReports.length)).toEqual([1, 2, 2, 2, 2, 2]);
    expect(six.statements).toBe(two.statements);
    expect(two.statements).toBeLessThanOrEqual(2);
    expect((await reportsOf(ids, 2024)).parks.map((park) => park.employmentReports.map((report) => report.employmentPromoted))).toEqual([[], [101], [201], [301], [401], [501]]);

    expect(errorCode(await asGateway(funding.url, gaoxinCounty, PARK_REPORTS, { r: [{ __typename: 'Park', id: luzhouPark.id }] }))).toBe('FORBIDDEN');
    const entity = await asGateway<{ _entities: Array<{ id: string; status: string }> }>(funding.url, luzhouOperator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on EmploymentReport { id status } } }`, {
      r: [{ __typename: 'EmploymentReport', id: reportId }],
    });
    expect(entity.data?._entities).toEqual([{ id: reportId, status: 'VERIFIED' }]);
  });
});
