import { createHash, randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, errorCode, startTestSubgraph, TestEventQueue, type TestSubgraph } from '@cz/testing';
import { approvalEvent } from '../recognition-award/recognition-award.test-support';
import { fundingService } from '../service';
import { evidenceClient, pdf } from './evidence.test-support';

const [luzhouPark, gaoxinPark, xiangyuanPark, qinyuanPark] = DEMO_PARKS;
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode };
const gaoxinCounty: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: gaoxinPark.countyCode };
const xiangyuanCounty: Identity = { subject: 'county-3', role: 'COUNTY_BUREAU', countyCode: xiangyuanPark.countyCode };
const luzhouOperator: Identity = { subject: 'operator-1', role: 'PARK_OPERATOR', parkId: luzhouPark.id };
const xiangyuanOperator: Identity = { subject: 'operator-3', role: 'PARK_OPERATOR', parkId: xiangyuanPark.id };
const qinyuanOperator: Identity = { subject: 'operator-4', role: 'PARK_OPERATOR', parkId: qinyuanPark.id };

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const FILE = 'id fileName contentType sizeBytes sha256 downloadPath uploadedAt';
const PAY = `mutation($awardId: ID!, $key: String!, $paidOn: Date!) { confirmPayment(awardId: $awardId, amount: "1000000", paidOn: $paidOn, voucherNo: "财拨〔2026〕1号", idempotencyKey: $key) { id } }`;
const SPEND = `mutation($awardId: ID!, $input: SpendingInput!) { recordSpending(awardId: $awardId, input: $input) { id evidence evidenceFiles { ${FILE} } } }`;
const REPORT = `mutation($parkId: ID!, $files: [ID!]!) { reportEmployment(parkId: $parkId, year: 2025, employmentPromoted: 120, evidenceFileIds: $files) { id evidence evidenceFiles { ${FILE} } } }`;
const ENTRY_FILES = `query($filter: LedgerEntryFilter, $first: Int) { ledgerEntries(first: $first, filter: $filter) { edges { node { id evidenceFiles { id } } } } }`;

type EvidenceFile = { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; downloadPath: string; uploadedAt: string };
type Response<T> = Awaited<ReturnType<typeof asGateway<T>>>;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const today = shanghaiDate(new Date());

describe('evidence files: upload, cite, download (real PostgreSQL and Redis, over HTTP)', () => {
  let funding: TestSubgraph;
  let events: TestEventQueue;
  let files: ReturnType<typeof evidenceClient>;
  let awardOfXiangyuan: string;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const count = async (table: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM funding.${table}`))[0].n;
  const written = async () => ({
    files: await count('stored_file'),
    entries: await count('ledger_entry'),
    entryEvidence: await count('ledger_entry_evidence'),
    reports: await count('employment_report'),
    reportEvidence: await count('employment_report_evidence'),
    audit: await count('audit_log'),
    outbox: await count('outbox_event'),
  });
  const spend = (identity: Identity, evidenceFileIds: string[], amount = '100', evidence?: string) =>
    asGateway<{ recordSpending: { id: string; evidence: string; evidenceFiles: EvidenceFile[] } }>(funding.url, identity, SPEND, {
      awardId: awardOfXiangyuan,
      input: { category: 'RENT_SUBSIDY', amount, spentOn: today, description: '入驻企业房租补贴', evidenceFileIds, evidence },
    });
  const refusal = (response: Response<unknown>) => [errorCode(response), response.errors?.[0]?.extensions?.field];

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
    files = evidenceClient(funding.url);
    events = TestEventQueue.open('funding', funding.queuePrefix);
    await events.deliver(approvalEvent({ parkId: xiangyuanPark.id, approvedOn: today }));
    [{ id: awardOfXiangyuan }] = await sql<{ id: string }>(`SELECT id FROM funding.funding_award WHERE park_id = $1 AND kind = 'RECOGNITION_AWARD'`, [xiangyuanPark.id]);
    expect((await asGateway(funding.url, finance, PAY, { awardId: awardOfXiangyuan, key: `evidence-${randomUUID()}`, paidOn: today })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await events?.close();
    await funding?.close();
  });

  it('lets a park upload evidence, cite it on spending, and everyone who may read the entry download it', async () => {
    const contract = pdf('租赁合同');
    const uploaded = await files.upload(xiangyuanOperator, contract, '租赁合同 ZL-2026-018.pdf', 'application/pdf; charset=binary');
    expect(uploaded.status).toBe(201);
    const { id } = uploaded.body;
    expect(uploaded.body).toEqual({ id, fileName: '租赁合同 ZL-2026-018.pdf', contentType: 'application/pdf', sizeBytes: contract.length, sha256: sha256(contract), downloadPath: `/files/funding/evidence/${id}`, uploadedAt: expect.any(String) });
    const receipt = (await files.upload(xiangyuanOperator, PNG, '付款凭证.png', 'image/png')).body;
    expect(await sql(`SELECT operation, target_type, target_id, changes->>'sha256' AS sha256, park_id FROM funding.audit_log WHERE target_id = $1`, [id])).toEqual([
      { operation: 'funding.evidence.upload', target_type: 'StoredFile', target_id: id, sha256: sha256(contract), park_id: xiangyuanPark.id },
    ]);

    // Not cited yet: only the park that uploaded it may read it back.
    const own = await files.download(xiangyuanOperator, uploaded.body.downloadPath);
    expect(own.status).toBe(200);
    expect(own.bytes.equals(contract)).toBe(true);
    expect(own.headers.get('x-checksum-sha256')).toBe(sha256(contract));
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('租赁合同 ZL-2026-018.pdf')}`);
    expect((await files.download(xiangyuanCounty, uploaded.body.downloadPath)).status).toBe(403);
    expect((await files.download(finance, uploaded.body.downloadPath)).status).toBe(403);

    const spent = await spend(xiangyuanOperator, [receipt.id, id]);
    expect(spent.errors).toBeUndefined();
    expect(spent.data!.recordSpending.evidence).toBe('付款凭证.png、租赁合同 ZL-2026-018.pdf');
    expect(spent.data!.recordSpending.evidenceFiles).toEqual([
      { ...receipt, uploadedAt: expect.any(String) },
      { ...uploaded.body, uploadedAt: expect.any(String) },
    ]);
    const entryId = spent.data!.recordSpending.id;
    expect(await sql(`SELECT file_id, position FROM funding.ledger_entry_evidence WHERE entry_id = $1 ORDER BY position`, [entryId])).toEqual([
      { file_id: receipt.id, position: 1 },
      { file_id: id, position: 2 },
    ]);
    expect(await sql(`SELECT changes->'evidenceFileIds' AS cited FROM funding.audit_log WHERE operation = 'funding.spend' AND changes->>'entryId' = $1`, [entryId])).toEqual([{ cited: [receipt.id, id] }]);

    // Cited: whoever may read the entry (funding.read on the park) downloads it; nobody else.
    for (const reader of [xiangyuanCounty, finance, city, xiangyuanOperator]) {
      const download = await files.download(reader, uploaded.body.downloadPath);
      expect([reader.role, download.status, download.bytes.equals(contract)]).toEqual([reader.role, 200, true]);
    }
    expect((await files.download(xiangyuanCounty, receipt.downloadPath)).bytes.equals(PNG)).toBe(true);
    for (const stranger of [luzhouCounty, qinyuanOperator, dataTeam]) expect([stranger.subject, (await files.download(stranger, uploaded.body.downloadPath)).status]).toEqual([stranger.subject, 403]);
    expect((await files.download(finance, `/files/funding/evidence/${randomUUID()}`)).status).toBe(404);
    expect((await files.download(finance, '/files/funding/evidence/not-a-file')).status).toBe(404);
  });

  it('cites evidence on an employment report, readable by the park’s county and not by another', async () => {
    const register = await files.upload(luzhouOperator, pdf('就业登记台账'), '就业登记台账.pdf');
    const reported = await asGateway<{ reportEmployment: { evidence: string; evidenceFiles: EvidenceFile[] } }>(funding.url, luzhouOperator, REPORT, { parkId: luzhouPark.id, files: [register.body.id] });
    expect(reported.errors).toBeUndefined();
    expect(reported.data!.reportEmployment).toMatchObject({ evidence: '就业登记台账.pdf', evidenceFiles: [{ id: register.body.id, sha256: register.body.sha256, downloadPath: register.body.downloadPath }] });
    expect((await files.download(luzhouCounty, register.body.downloadPath)).status).toBe(200);
    expect((await files.download(gaoxinCounty, register.body.downloadPath)).status).toBe(403);
  });

  it('refuses another park’s file, an unknown id, repeats or no file at all, writing nothing', async () => {
    const foreign = (await files.upload(qinyuanOperator, pdf('沁源'), '沁源凭证.pdf')).body.id;
    const own = (await files.upload(xiangyuanOperator, pdf('襄垣'), '襄垣凭证.pdf')).body.id;
    const unknown = randomUUID();
    const before = await written();

    const ofAnotherPark = await spend(xiangyuanOperator, [own, foreign]);
    expect(refusal(ofAnotherPark)).toEqual(['BAD_USER_INPUT', 'input.evidenceFileIds']);
    expect(ofAnotherPark.errors?.[0]).toMatchObject({ message: '只能引用本园区上传的证明材料文件', extensions: { foreignFileIds: [foreign] } });
    const notUploaded = await spend(xiangyuanOperator, [own, unknown, 'not-a-file']);
    expect(refusal(notUploaded)).toEqual(['BAD_USER_INPUT', 'input.evidenceFileIds']);
    expect(notUploaded.errors?.[0]).toMatchObject({ message: '证明材料文件不存在（请先上传）', extensions: { unknownFileIds: [unknown, 'not-a-file'] } });
    expect(refusal(await spend(xiangyuanOperator, []))).toEqual(['BAD_USER_INPUT', 'input.evidenceFileIds']);
    expect(refusal(await spend(xiangyuanOperator, [own, own]))).toEqual(['BAD_USER_INPUT', 'input.evidenceFileIds']);
    expect(refusal(await spend(xiangyuanOperator, [own], '100', '凭证\u0007'))).toEqual(['BAD_USER_INPUT', 'input.evidence']);
    const reportWithForeign = await asGateway(funding.url, luzhouOperator, REPORT, { parkId: luzhouPark.id, files: [own] });
    expect(refusal(reportWithForeign)).toEqual(['BAD_USER_INPUT', 'evidenceFileIds']);
    expect(await written()).toEqual(before);

    // The database holds the same line, whatever the service's code does.
    const [entry] = await sql<{ id: string }>(`SELECT id::text FROM funding.ledger_entry WHERE award_id = $1 AND kind = 'SPENDING' LIMIT 1`, [awardOfXiangyuan]);
    await expect(sql(`INSERT INTO funding.ledger_entry_evidence (entry_id, file_id, position) VALUES ($1, $2, 9)`, [entry.id, foreign])).rejects.toThrow(/own park/);
    await expect(sql(`UPDATE funding.stored_file SET file_name = 'x.pdf' WHERE id = $1`, [own])).rejects.toThrow(/stored_file is append-only/);
    await expect(sql(`DELETE FROM funding.ledger_entry_evidence WHERE entry_id = $1`, [entry.id])).rejects.toThrow(/append-only/);
  });

  it('refuses uploads by anyone but a park operator, and files that are not what they claim, storing nothing', async () => {
    const before = await count('stored_file');
    const status = async (identity: Identity, body: Buffer, name: string, type?: string) => {
      const response = await files.upload(identity, body, name, type);
      return [response.status, response.body.errors?.[0]?.extensions.code, response.body.errors?.[0]?.extensions.field];
    };
    expect(await status(xiangyuanCounty, pdf(), 'a.pdf')).toEqual([403, 'FORBIDDEN', undefined]);
    expect(await status(finance, pdf(), 'a.pdf')).toEqual([403, 'FORBIDDEN', undefined]);
    expect(await status(xiangyuanOperator, Buffer.from('MZ\u0090\u0090\u0090\u0090', 'latin1'), 'setup.pdf')).toEqual([415, 'BAD_USER_INPUT', 'file']);
    expect(await status(xiangyuanOperator, pdf(), 'a.html', 'text/html')).toEqual([415, 'BAD_USER_INPUT', 'contentType']);
    expect(await status(xiangyuanOperator, pdf(), '../a.pdf')).toEqual([400, 'BAD_USER_INPUT', 'fileName']);
    expect(await status(xiangyuanOperator, Buffer.alloc(0), 'empty.pdf')).toEqual([400, 'BAD_USER_INPUT', 'file']);
    expect(await count('stored_file')).toBe(before);
  });

  it('resolves LedgerEntry.evidenceFiles for 1 and for 6 entries with the same number of SQL statements', async () => {
    const receipt = (await files.upload(xiangyuanOperator, PNG, '凭证.png', 'image/png')).body.id;
    for (let index = 0; index < 5; index += 1) expect((await spend(xiangyuanOperator, [receipt])).errors).toBeUndefined();
    const statementsFor = async (first: number) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<{ ledgerEntries: { edges: Array<{ node: { evidenceFiles: Array<{ id: string }> } }> } }>(funding.url, xiangyuanCounty, ENTRY_FILES, { first, filter: { kind: 'SPENDING', awardId: awardOfXiangyuan } });
      expect(response.errors).toBeUndefined();
      expect(response.data!.ledgerEntries.edges).toHaveLength(first);
      expect(response.data!.ledgerEntries.edges[0].node.evidenceFiles).toEqual([{ id: receipt }]);
      return statementTotals.inRequests - before;
    };
    expect(await statementsFor(6)).toBe(await statementsFor(1));
  });
});
