import { ANONYMOUS, type Identity } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import { downloadExport, parseCsv, readXlsx } from '@cz/exports';
import { asGateway, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { registryService } from '../service';

const [luzhouPark, gaoxinPark] = DEMO_PARKS;
const city: Identity = { subject: 'city-audit', role: 'CITY_BUREAU', sourceAddress: '198.51.100.1' };
const luzhou: Identity = { subject: 'county-luzhou', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode, sourceAddress: '198.51.100.2' };
const xiangyuan: Identity = { subject: 'county-xiangyuan', role: 'COUNTY_BUREAU', countyCode: '140423', sourceAddress: '198.51.100.3' };
const operator: Identity = { subject: 'operator-luzhou', role: 'PARK_OPERATOR', parkId: luzhouPark.id, sourceAddress: '198.51.100.4' };
const dataTeam: Identity = { subject: 'data-audit', role: 'DATA_TEAM', sourceAddress: '198.51.100.5' };
const visitor: Identity = { ...ANONYMOUS, sourceAddress: '203.0.113.99' };

const REVEAL = `mutation($parkId: ID!, $reason: String!) { revealParkContact(parkId: $parkId, reason: $reason) { parkId contactName contactPhone revealedAt } }`;
const AUDIT_LOG = `query($filter: AuditFilter, $first: Int, $after: String) { registryAuditLog(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id occurredAt actor role countyCode parkId operation targetType targetId outcome changes requestId sourceAddress } } } }`;
const EXPORT = `query($filter: AuditFilter, $format: ExportFormat!) { registryAuditLogExport(filter: $filter, format: $format) { url fileName } }`;

type AuditNode = Record<string, string | null>;
type AuditPage = { registryAuditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: AuditNode }> } };

describe('personal data reveal and the audit log (registry, real PostgreSQL)', () => {
  let registry: TestSubgraph;
  const rowsOf = (actor: string) => registry.service.dataSource.query(`SELECT operation, target_type, target_id, outcome, role, county_code, source_address, request_id, changes FROM registry.audit_log WHERE actor = $1 ORDER BY id`, [actor]);

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService, { seedDemo: true });
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('shows a contact whole to the city bureau, the park’s county and the park itself, each access logged with its reason and never the values', async () => {
    for (const identity of [city, luzhou, operator]) {
      const response = await asGateway<{ revealParkContact: Record<string, string> }>(registry.url, identity, REVEAL, { parkId: luzhouPark.id, reason: ' 核实年度报告联系人 ' });
      expect(response.errors).toBeUndefined();
      expect(response.data?.revealParkContact).toMatchObject({ parkId: luzhouPark.id, contactName: luzhouPark.contactName, contactPhone: luzhouPark.contactPhone });
      const [row] = await rowsOf(identity.subject);
      expect(row).toMatchObject({ operation: 'park.contact.reveal', target_type: 'Park', target_id: luzhouPark.id, outcome: 'SUCCEEDED', role: identity.role, source_address: identity.sourceAddress, request_id: expect.stringMatching(/^test-/) });
      expect(row.changes).toEqual({ reason: '核实年度报告联系人', fields: ['contactName', 'contactPhone'] });
    }
    const log = JSON.stringify(await registry.service.dataSource.query(`SELECT * FROM registry.audit_log`));
    expect(log).not.toContain(luzhouPark.contactPhone);
    expect(log).not.toContain(luzhouPark.contactName);
  });

  it('refuses everyone else, and records each refusal as a DENIED row of its own', async () => {
    expect(errorCode(await asGateway(registry.url, xiangyuan, REVEAL, { parkId: luzhouPark.id, reason: '核实联系方式' }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, dataTeam, REVEAL, { parkId: gaoxinPark.id, reason: '核实联系方式' }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, visitor, REVEAL, { parkId: luzhouPark.id, reason: '核实联系方式' }))).toBe('UNAUTHENTICATED');
    expect(await rowsOf(xiangyuan.subject)).toEqual([expect.objectContaining({ operation: 'park.contact.reveal', target_type: 'Park', target_id: luzhouPark.id, outcome: 'DENIED', county_code: '140423', source_address: '198.51.100.3', request_id: expect.any(String) })]);
    expect(await rowsOf(dataTeam.subject)).toEqual([expect.objectContaining({ operation: 'park.contact.reveal', target_id: gaoxinPark.id, outcome: 'DENIED', role: 'DATA_TEAM' })]);
    expect(await rowsOf('anonymous')).toEqual([expect.objectContaining({ operation: 'park.contact.reveal', outcome: 'DENIED', role: 'PUBLIC', source_address: '203.0.113.99' })]);
  });

  it('requires a reason, naming the field, and shows or logs nothing without one', async () => {
    const before = await rowsOf(city.subject);
    for (const reason of ['', '   ', '看看']) {
      const response = await asGateway(registry.url, city, REVEAL, { parkId: luzhouPark.id, reason });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(response.errors?.[0].message).toMatch(/理由/);
      expect(response.data).toBeNull();
    }
    expect(errorCode(await asGateway(registry.url, city, REVEAL, { parkId: '00000000-0000-4000-8000-000000000000', reason: '核实联系方式' }))).toBe('NOT_FOUND');
    expect(await rowsOf(city.subject)).toEqual(before);
  });

  it('records denied reads of lists, items and _entities with their targets', async () => {
    const stranger: Identity = { subject: 'county-stranger', role: 'COUNTY_BUREAU', countyCode: '140431', sourceAddress: '198.51.100.9' };
    expect(errorCode(await asGateway(registry.url, stranger, `query($id: ID!) { park(id: $id) { id } }`, { id: luzhouPark.id }))).toBe('FORBIDDEN');
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id } } }`;
    const both = await asGateway(registry.url, stranger, entities, { r: [{ __typename: 'Park', id: luzhouPark.id }, { __typename: 'Park', id: gaoxinPark.id }] });
    expect(both.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(errorCode(await asGateway(registry.url, stranger, `{ registryAuditLog { totalCount } }`))).toBe('FORBIDDEN');
    const rows = await rowsOf(stranger.subject);
    expect(rows.map((row: Record<string, unknown>) => [row.operation, row.target_type, row.target_id, row.outcome])).toEqual([
      ['park.read', 'Park', luzhouPark.id, 'DENIED'],
      ['park.read', 'Park', luzhouPark.id, 'DENIED'],
      ['park.read', 'Park', gaoxinPark.id, 'DENIED'],
      ['audit.read', 'Query.registryAuditLog', '*', 'DENIED'],
    ]);
    expect(rows[1].changes).toEqual({ path: '_entities.0' });
  });

  it('lets the city bureau page through the log newest first, filtered, and nobody else', async () => {
    const first = await asGateway<AuditPage>(registry.url, city, AUDIT_LOG, { filter: { operation: 'park.contact.reveal' }, first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data!.registryAuditLog;
    expect(page.totalCount).toBe(6);
    expect(page.edges).toHaveLength(2);
    const second = await asGateway<AuditPage>(registry.url, city, AUDIT_LOG, { filter: { operation: 'park.contact.reveal' }, first: 10, after: page.pageInfo.endCursor });
    const all = [...page.edges, ...second.data!.registryAuditLog.edges].map((edge) => edge.node);
    expect(all.map((node) => node.actor)).toEqual(['anonymous', dataTeam.subject, xiangyuan.subject, operator.subject, luzhou.subject, city.subject]);
    expect(all.map((node) => Date.parse(node.occurredAt!))).toEqual([...all.map((node) => Date.parse(node.occurredAt!))].sort((a, b) => b - a));
    expect(all[5]).toMatchObject({ role: 'CITY_BUREAU', targetType: 'Park', targetId: luzhouPark.id, outcome: 'SUCCEEDED', sourceAddress: '198.51.100.1' });
    expect(JSON.parse(all[5].changes!)).toEqual({ reason: '核实年度报告联系人', fields: ['contactName', 'contactPhone'] });

    const denied = await asGateway<AuditPage>(registry.url, city, AUDIT_LOG, { filter: { outcome: 'DENIED', actor: xiangyuan.subject } });
    expect(denied.data!.registryAuditLog.edges.map((edge) => edge.node.operation)).toEqual(['park.contact.reveal']);
    const future = await asGateway<AuditPage>(registry.url, city, AUDIT_LOG, { filter: { from: '2999-01-01T00:00:00Z' } });
    expect(future.data!.registryAuditLog.totalCount).toBe(0);

    const backwards = await asGateway(registry.url, city, AUDIT_LOG, { filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    for (const identity of [luzhou, operator, dataTeam]) expect(errorCode(await asGateway(registry.url, identity, AUDIT_LOG, {}))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, visitor, AUDIT_LOG, {}))).toBe('UNAUTHENTICATED');
  });

  it('exports the log for the city bureau as CSV and Excel with Chinese headers, by a personal link', async () => {
    const csvLink = await asGateway<{ registryAuditLogExport: { url: string; fileName: string } }>(registry.url, city, EXPORT, { filter: { operation: 'park.contact.reveal', outcome: 'SUCCEEDED' }, format: 'CSV' });
    expect(csvLink.errors).toBeUndefined();
    expect(csvLink.data!.registryAuditLogExport.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await downloadExport(registry.url, city, csvLink.data!.registryAuditLogExport.url);
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(csv.bytes);
    expect(header).toEqual(['时间（北京时间）', '操作人', '角色', '所属县区', '所属园区', '操作', '对象类型', '对象 ID', '结果', '变更内容', '请求编号', '客户端地址']);
    expect(rows.map((row) => row[1])).toEqual([operator.subject, luzhou.subject, city.subject]);
    expect(rows[2]).toEqual(expect.arrayContaining(['park.contact.reveal', 'Park', luzhouPark.id, '成功', '198.51.100.1']));
    expect(rows[2][0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(csv.bytes.toString('utf8')).not.toContain(luzhouPark.contactPhone);

    const xlsxLink = await asGateway<{ registryAuditLogExport: { url: string } }>(registry.url, city, EXPORT, { filter: { outcome: 'DENIED' }, format: 'XLSX' });
    const xlsx = await downloadExport(registry.url, city, xlsxLink.data!.registryAuditLogExport.url);
    const [sheet] = await readXlsx(xlsx.bytes);
    expect(sheet.name).toBe('审计日志');
    expect(sheet.rows.slice(1).every((row) => row.includes('拒绝'))).toBe(true);
    expect(sheet.rows.length - 1).toBe((await registry.service.dataSource.query(`SELECT count(*)::int AS n FROM registry.audit_log WHERE outcome = 'DENIED'`))[0].n);

    // The link is the city officer's alone; the other exports of the service still work beside it.
    expect((await downloadExport(registry.url, { ...city, subject: 'city-other' }, csvLink.data!.registryAuditLogExport.url)).status).toBe(403);
    expect(await rowsOf('city-other')).toEqual([expect.objectContaining({ operation: 'GET /files/exports/:token', target_type: 'File', outcome: 'DENIED', changes: { method: 'GET', route: '/files/exports/:token' } })]);
    expect(errorCode(await asGateway(registry.url, dataTeam, EXPORT, { format: 'CSV' }))).toBe('FORBIDDEN');
    const parks = await asGateway<{ parkExport: { url: string } }>(registry.url, city, `{ parkExport(report: PARKS, format: CSV) { url } }`);
    expect((await downloadExport(registry.url, city, parks.data!.parkExport.url)).status).toBe(200);
  });

  it('keeps every row: the service itself can neither change nor delete one (retention ≥ 185 days)', async () => {
    await expect(registry.service.dataSource.query(`UPDATE registry.audit_log SET outcome = 'SUCCEEDED'`)).rejects.toThrow(/append-only/);
    await expect(registry.service.dataSource.query(`DELETE FROM registry.audit_log WHERE occurred_at < now() - interval '185 days'`)).rejects.toThrow(/append-only/);
  });
});
