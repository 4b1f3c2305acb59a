import { createHash } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { demoApplicationId } from '../seed-demo';
import { applicationsService } from '../service';
import { declaredFacts, EXE_BYTES, fileClient, knownPark, operatorOf, PDF_BYTES, PNG_BYTES, REQUIRED_UPLOADS } from './declaration.test-support';

const QINYUAN = '140431';
const qinyuanCounty: Identity = { subject: 'county-qinyuan', role: 'COUNTY_BUREAU', countyCode: QINYUAN };
const luzhouCounty: Identity = { subject: 'county-luzhou', role: 'COUNTY_BUREAU', countyCode: '140403' };
const reviewer: Identity = { subject: 'reviewer-finance', role: 'REVIEWER' };
const [LUZHOU_PARK, , , QINYUAN_PARK] = DEMO_PARKS.map((park) => park.id);

const CREATE = `mutation($parkId: ID!, $kind: ApplicationKind!, $year: Int!) { createApplication(parkId: $parkId, kind: $kind, year: $year) { id stage version kind year } }`;
const DECLARE = `mutation($id: ID!, $v: Int!, $facts: DeclaredFactsInput!) { declareFacts(applicationId: $id, expectedVersion: $v, facts: $facts) { id version declaredFacts { revenueYear sites { buildingAreaM2 isCore } institutions { creditCode revenueFen licenceValidUntil } publicServices } } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitApplication(applicationId: $id, expectedVersion: $v) { id stage version submittedAt } }`;
const DETAILS = `query($id: ID!) { application(id: $id) {
  id stage version
  checklist { item required latest { id version sha256 sizeBytes fileName contentType downloadPath } }
  approvalForms: materials(item: APPROVAL_FORM, allVersions: true) { id version sha256 downloadPath }
  materials { item version }
  submissions { round policyVersionCode submittedAt facts { institutions { name } sites { buildingAreaM2 } } eligibility { rule outcome } }
  eligibility { rule outcome figures { name value } explanation }
} }`;

type Created = { createApplication: { id: string; stage: string; version: number } };
type Details = {
  application: {
    stage: string;
    version: number;
    checklist: Array<{ item: string; required: boolean; latest: { id: string; version: number; sha256: string; fileName: string; downloadPath: string } | null }>;
    approvalForms: Array<{ id: string; version: number; sha256: string; downloadPath: string }>;
    materials: Array<{ item: string; version: number }>;
    submissions: Array<{ round: number; policyVersionCode: string; facts: { institutions: unknown[] }; eligibility: Array<{ rule: string; outcome: string }> }>;
    eligibility: Array<{ rule: string; outcome: string; figures: Array<{ name: string; value: string }>; explanation: string }> | null;
  };
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('declaring an application (real PostgreSQL and Redis)', () => {
  let subgraph: TestSubgraph;
  let files: ReturnType<typeof fileClient>;
  const query = (sql: string, parameters: unknown[] = []) => subgraph.service.dataSource.query(sql, parameters);
  const count = async (sql: string, parameters: unknown[]) => ((await query(sql, parameters)) as Array<{ n: number }>)[0].n;

  /** A draft of a fresh candidate park in 沁源县, created by its operator. */
  async function draft(): Promise<{ id: string; operator: Identity }> {
    const operator = operatorOf(await knownPark(subgraph.service.dataSource, QINYUAN));
    const created = await asGateway<Created>(subgraph.url, operator, CREATE, { parkId: operator.parkId, kind: 'RECOGNITION', year: 2026 });
    expect(created.errors).toBeUndefined();
    return { id: created.data!.createApplication.id, operator };
  }

  async function declared(institutions = 10) {
    const application = await draft();
    const response = await asGateway(subgraph.url, application.operator, DECLARE, { id: application.id, v: 1, facts: declaredFacts(institutions) });
    expect(response.errors).toBeUndefined();
    for (const [item, bytes, type, name] of REQUIRED_UPLOADS) expect((await files.upload(application.operator, application.id, item, bytes, type, name)).status).toBe(201);
    return application;
  }

  /** Everything a refused request might have written. */
  const footprint = async (applicationId: string): Promise<Record<string, unknown>> =>
    (
      await query(
      `SELECT (SELECT version FROM applications.application WHERE id = $1) AS version,
              (SELECT count(*)::int FROM applications.application_material WHERE application_id = $1) AS materials,
              (SELECT count(*)::int FROM applications.application_submission WHERE application_id = $1) AS submissions,
              (SELECT count(*)::int FROM applications.audit_log WHERE target_id = $1::text AND outcome = 'SUCCEEDED') AS audits,
              (SELECT count(*)::int FROM applications.outbox_event WHERE aggregate_id = $1::text) AS events,
              (SELECT facts FROM applications.application_draft_facts WHERE application_id = $1) AS facts`,
        [applicationId],
      )
    )[0];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService, { seedDemo: true });
    files = fileClient(subgraph.url);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('drafts, declares, uploads versioned materials and submits with frozen facts, eligibility and a notice to the county', async () => {
    const { id, operator } = await draft();
    const saved = await asGateway<{ declareFacts: { version: number; declaredFacts: { institutions: Array<{ creditCode: string }> } } }>(subgraph.url, operator, DECLARE, { id, v: 1, facts: declaredFacts() });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.declareFacts.version).toBe(2);
    expect(saved.data?.declareFacts.declaredFacts.institutions).toHaveLength(10);

    const uploads = new Map<string, { id: string; version: number; sha256: string }>();
    for (const [item, bytes, type, name] of REQUIRED_UPLOADS) {
      const response = await files.upload(operator, id, item, bytes, type, name);
      expect(response).toMatchObject({ status: 201, body: { item, version: 1, sha256: sha256(bytes), sizeBytes: bytes.length } });
      uploads.set(item, response.body);
    }
    const secondForm = Buffer.concat([PDF_BYTES, Buffer.from('% 第二版\n')]);
    const second = await files.upload(operator, id, 'APPROVAL_FORM', secondForm, 'application/pdf; charset=binary', '评估认定审批表（修订）.pdf', true);
    expect(second).toMatchObject({ status: 201, body: { version: 2, sha256: sha256(secondForm) } });

    const before = (await asGateway<Details>(subgraph.url, operator, DETAILS, { id })).data!.application;
    expect(before.checklist.map((entry) => [entry.item, entry.required, entry.latest?.version ?? null])).toEqual([
      ['LETTER', true, 1],
      ['APPROVAL_FORM', true, 2],
      ['FEASIBILITY_STUDY', true, 1],
      ['OPERATION_REPORT', true, 1],
      ['INSTITUTION_ROSTER', true, 1],
      ['OTHER', false, null],
    ]);
    expect(before.checklist[1].latest).toMatchObject({ id: second.body.id, fileName: '评估认定审批表（修订）.pdf', downloadPath: `/files/applications/materials/${second.body.id}` });
    expect(before.approvalForms.map((material) => material.version)).toEqual([2, 1]);
    expect(before.materials).toHaveLength(5);
    expect(before).toMatchObject({ submissions: [], eligibility: null });

    const [, firstForm] = before.approvalForms;
    expect(firstForm).toMatchObject({ id: uploads.get('APPROVAL_FORM')!.id, version: 1, sha256: sha256(PDF_BYTES) });
    const first = await files.download(qinyuanCounty, firstForm.downloadPath);
    expect(first.status).toBe(200);
    expect(first.bytes.equals(PDF_BYTES)).toBe(true);
    expect(first.headers.get('x-checksum-sha256')).toBe(sha256(PDF_BYTES));
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('评估认定审批表.pdf')}`);
    const latest = await files.download(operator, `/files/applications/applications/materials/${second.body.id}`);
    expect(latest.bytes.equals(secondForm)).toBe(true);
    expect((await files.download(luzhouCounty, `/files/applications/materials/${second.body.id}`)).status).toBe(403);
    expect((await files.download(reviewer, firstForm.downloadPath)).status).toBe(403);
    await query(`INSERT INTO applications.application_panel_member (application_id, subject, name, department, assigned_by, assigned_at) VALUES ($1, $2, '评审员', '市财政局', 'city-1', now())`, [id, reviewer.subject]);
    expect((await files.download(reviewer, firstForm.downloadPath)).status).toBe(200);

    const submitted = await asGateway<{ submitApplication: { stage: string; version: number; submittedAt: string } }>(subgraph.url, operator, SUBMIT, { id, v: 2 });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitApplication).toMatchObject({ stage: 'COUNTY_REVIEW', version: 3 });

    const after = (await asGateway<Details>(subgraph.url, qinyuanCounty, DETAILS, { id })).data!.application;
    expect(after.submissions).toHaveLength(1);
    expect(after.submissions[0]).toMatchObject({ round: 1, policyVersionCode: 'CZ-HRSIP-2024-TRIAL', facts: { sites: [{ buildingAreaM2: '3200.50' }] } });
    expect(after.submissions[0].facts.institutions).toHaveLength(10);
    expect(after.eligibility?.map((result) => [result.rule, result.outcome])).toEqual([
      ['SITE_AREA', 'PASS'],
      ['SUB_PARK_COUNT', 'PASS'],
      ['INSTITUTION_COUNT', 'PASS'],
      ['INSTITUTION_LICENCES', 'PASS'],
      ['REVENUE', 'PASS'],
      ['PUBLIC_SERVICES', 'PASS'],
    ]);

    expect(await query(`SELECT action, from_stage, to_stage, actor_subject FROM applications.application_transition WHERE application_id = $1`, [id])).toEqual([
      { action: 'submit', from_stage: 'DRAFT', to_stage: 'COUNTY_REVIEW', actor_subject: operator.subject },
    ]);
    const operations = (await query(`SELECT operation FROM applications.audit_log WHERE target_id = $1 ORDER BY id`, [id])).map((row: { operation: string }) => row.operation);
    expect(operations).toEqual(['application.create', 'application.declareFacts', ...Array(6).fill('application.material.upload'), 'application.submit']);
    const [event] = await query(`SELECT type, payload FROM applications.outbox_event WHERE aggregate_id = $1`, [id]);
    expect(event).toMatchObject({
      type: 'notification.requested',
      payload: { dedupeKey: `application:${id}:submit:1`, audience: { role: 'COUNTY_BUREAU', countyCode: QINYUAN }, link: `/applications/${id}` },
    });

    // Frozen: neither the facts nor the materials move while the county reviews.
    const unchanged = await footprint(id);
    expect(errorCode(await asGateway(subgraph.url, operator, DECLARE, { id, v: 3, facts: declaredFacts(12) }))).toBe('CONFLICT');
    expect((await files.upload(operator, id, 'OTHER', PNG_BYTES, 'image/png', '补充.png')).status).toBe(409);
    expect(await footprint(id)).toEqual(unchanged);
    for (const table of ['application_material', 'application_submission']) {
      await expect(query(`UPDATE applications.${table} SET application_id = application_id WHERE application_id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(query(`DELETE FROM applications.${table} WHERE application_id = $1`, [id])).rejects.toThrow(/append-only/);
    }
  });

  it('accepts an ineligible application, explains the failing rule with its figures, and keeps each round frozen', async () => {
    const { id, operator } = await declared(8);
    const submitted = await asGateway(subgraph.url, operator, SUBMIT, { id, v: 2 });
    expect(submitted.errors).toBeUndefined();
    const { eligibility } = (await asGateway<Details>(subgraph.url, operator, DETAILS, { id })).data!.application;
    const institutions = eligibility?.find((result) => result.rule === 'INSTITUTION_COUNT');
    expect(institutions).toMatchObject({ outcome: 'FAIL', figures: expect.arrayContaining([{ name: 'institutionCount', value: '8' }, { name: 'minInstitutions', value: '10' }]) });
    expect(institutions?.explanation).toContain('8 家');
    expect(eligibility?.filter((result) => result.outcome !== 'PASS').map((result) => result.rule)).toEqual(['INSTITUTION_COUNT']);

    // As the county's return for correction leaves it (the review module's transition).
    await query(`UPDATE applications.application SET stage = 'RETURNED', version = version + 1 WHERE id = $1`, [id]);
    const corrected = await asGateway<{ declareFacts: { version: number } }>(subgraph.url, operator, DECLARE, { id, v: 4, facts: declaredFacts(12) });
    expect(corrected.errors).toBeUndefined();
    expect((await files.upload(operator, id, 'INSTITUTION_ROSTER', PDF_BYTES, 'application/pdf', '机构名册（补充）.pdf')).body.version).toBe(2);
    expect((await asGateway(subgraph.url, operator, SUBMIT, { id, v: 5 })).errors).toBeUndefined();
    const resubmitted = (await asGateway<Details>(subgraph.url, operator, DETAILS, { id })).data!.application;
    expect(resubmitted.submissions.map((submission) => [submission.round, submission.facts.institutions.length])).toEqual([
      [2, 12],
      [1, 8],
    ]);
    expect(resubmitted.eligibility?.every((result) => result.outcome === 'PASS')).toBe(true);
    const dedupeKeys = (await query(`SELECT payload->>'dedupeKey' AS key FROM applications.outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at`, [id])).map((row: { key: string }) => row.key);
    expect(dedupeKeys).toEqual([`application:${id}:submit:1`, `application:${id}:submit:2`]);
  });

  it('refuses bad uploads, strangers and incomplete or invalid declarations, changing nothing', async () => {
    const { id, operator } = await draft();
    await asGateway(subgraph.url, operator, DECLARE, { id, v: 1, facts: declaredFacts() });
    await files.upload(operator, id, 'LETTER', PDF_BYTES, 'application/pdf', '申请函件.pdf');
    const unchanged = await footprint(id);
    const refusal = (response: Awaited<ReturnType<typeof files.upload>>) => [response.status, response.body.errors?.[0].extensions.code, response.body.errors?.[0].extensions.field];

    expect(refusal(await files.upload(operator, id, 'OTHER', Buffer.alloc(0), 'application/pdf', 'empty.pdf'))).toEqual([400, 'BAD_USER_INPUT', 'file']);
    const oversized = Buffer.concat([PDF_BYTES, Buffer.alloc(20 * 1024 * 1024)]);
    expect(refusal(await files.upload(operator, id, 'OTHER', oversized, 'application/pdf', 'big.pdf'))).toEqual([413, 'BAD_USER_INPUT', 'file']);
    expect(refusal(await files.upload(operator, id, 'OTHER', oversized, 'application/pdf', 'big.pdf', true))).toEqual([413, 'BAD_USER_INPUT', 'file']);
    expect(refusal(await files.upload(operator, id, 'OTHER', EXE_BYTES, 'application/x-msdownload', 'setup.exe'))).toEqual([415, 'BAD_USER_INPUT', 'contentType']);
    expect(refusal(await files.upload(operator, id, 'OTHER', EXE_BYTES, 'application/pdf', 'setup.pdf'))).toEqual([415, 'BAD_USER_INPUT', 'file']);
    expect(refusal(await files.upload(operator, id, 'OTHER', PNG_BYTES, 'image/jpeg', 'photo.jpg'))).toEqual([415, 'BAD_USER_INPUT', 'file']);
    expect(refusal(await files.upload(operator, id, 'SOMETHING', PDF_BYTES, 'application/pdf', 'x.pdf'))).toEqual([400, 'BAD_USER_INPUT', 'item']);
    expect(refusal(await files.upload(operatorOf(LUZHOU_PARK), id, 'OTHER', PDF_BYTES, 'application/pdf', 'x.pdf'))).toEqual([403, 'FORBIDDEN', undefined]);
    expect(refusal(await files.upload(operator, '00000000-0000-4000-8000-000000000000', 'OTHER', PDF_BYTES, 'application/pdf', 'x.pdf'))).toEqual([404, 'NOT_FOUND', undefined]);

    const missing = await asGateway(subgraph.url, operator, SUBMIT, { id, v: 2 });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'materials', missing: ['APPROVAL_FORM', 'FEASIBILITY_STUDY', 'OPERATION_REPORT', 'INSTITUTION_ROSTER'] });
    expect(missing.errors?.[0].message).toContain('评估认定审批表');

    const negativeArea = declaredFacts();
    negativeArea.sites[0].buildingAreaM2 = '-3200';
    const area = await asGateway(subgraph.url, operator, DECLARE, { id, v: 2, facts: negativeArea });
    expect(area.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'facts.sites[0].buildingAreaM2' });
    const badRevenue = declaredFacts();
    badRevenue.institutions[2].revenueFen = '3500000.5';
    expect((await asGateway(subgraph.url, operator, DECLARE, { id, v: 2, facts: badRevenue })).errors?.[0].extensions).toMatchObject({ field: 'facts.institutions[2].revenueFen' });
    expect((await asGateway(subgraph.url, operator, DECLARE, { id, v: 1, facts: declaredFacts() })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(errorCode(await asGateway(subgraph.url, operatorOf(LUZHOU_PARK), SUBMIT, { id, v: 2 }))).toBe('FORBIDDEN');
    expect(await footprint(id)).toEqual(unchanged);
  });

  it('lets one of two concurrent submits win; the other gets CONFLICT and writes nothing', async () => {
    const { id, operator } = await declared();
    const results = await Promise.all([asGateway(subgraph.url, operator, SUBMIT, { id, v: 2 }), asGateway(subgraph.url, operator, SUBMIT, { id, v: 2 })]);
    expect(results.map((result) => (result.errors ? errorCode(result) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect(await footprint(id)).toMatchObject({ version: 3, submissions: 1, events: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM applications.application_transition WHERE application_id = $1`, [id])).toBe(1);
  });

  it('drafts only what the park’s status allows, one open application per kind', async () => {
    const qinyuanOperator = operatorOf(QINYUAN_PARK);
    const open = await asGateway(subgraph.url, qinyuanOperator, CREATE, { parkId: QINYUAN_PARK, kind: 'RECOGNITION', year: 2026 });
    expect(open.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', applicationId: demoApplicationId(QINYUAN_PARK) });
    expect((await asGateway(subgraph.url, qinyuanOperator, CREATE, { parkId: QINYUAN_PARK, kind: 'SUB_PARK', year: 2026 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    const luzhouOperator = operatorOf(LUZHOU_PARK);
    expect((await asGateway(subgraph.url, luzhouOperator, CREATE, { parkId: LUZHOU_PARK, kind: 'RECOGNITION', year: 2026 })).errors?.[0].extensions).toMatchObject({ field: 'kind' });
    const subPark = await asGateway<Created>(subgraph.url, luzhouOperator, CREATE, { parkId: LUZHOU_PARK, kind: 'SUB_PARK', year: 2026 });
    expect(subPark.data?.createApplication).toMatchObject({ stage: 'DRAFT', kind: 'SUB_PARK', version: 1 });
    expect(errorCode(await asGateway(subgraph.url, luzhouOperator, CREATE, { parkId: LUZHOU_PARK, kind: 'SUB_PARK', year: 2026 }))).toBe('CONFLICT');
    expect(errorCode(await asGateway(subgraph.url, luzhouOperator, CREATE, { parkId: QINYUAN_PARK, kind: 'RECOGNITION', year: 2026 }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(subgraph.url, qinyuanCounty, CREATE, { parkId: QINYUAN_PARK, kind: 'RECOGNITION', year: 2026 }))).toBe('FORBIDDEN');
    const revoked = operatorOf(await knownPark(subgraph.service.dataSource, QINYUAN, 'REVOKED'));
    expect((await asGateway(subgraph.url, revoked, CREATE, { parkId: revoked.parkId, kind: 'RECOGNITION', year: 2031 })).errors?.[0].extensions).toMatchObject({ field: 'year' });
    expect((await asGateway<Created>(subgraph.url, revoked, CREATE, { parkId: revoked.parkId, kind: 'RECOGNITION', year: 2026 })).data?.createApplication.stage).toBe('DRAFT');
  });

  it('resolves the declaration fields of many applications with as many SQL statements as of one', async () => {
    const ids = [(await declared()).id, (await declared()).id, (await declared()).id];
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id declaredFacts { revenueYear } checklist { item latest { version } } materials { id } submissions { round } eligibility { rule } } } }`;
    const statementsFor = async (applicationIds: string[]) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<{ _entities: Array<{ checklist: unknown[] }> }>(subgraph.url, qinyuanCounty, ENTITIES, { r: applicationIds.map((id) => ({ __typename: 'Application', id })) });
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities.every((application) => application.checklist.length === 6)).toBe(true);
      return statementTotals.inRequests - before;
    };
    expect(await statementsFor(ids)).toBe(await statementsFor(ids.slice(0, 1)));
  });
});
