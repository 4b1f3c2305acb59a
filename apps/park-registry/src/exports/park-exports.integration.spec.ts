import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { LOCAL_DEFAULTS } from '@cz/config';
import { DEMO_PARKS, demoOfficialName } from '@cz/demo-data';
import { createExportLink, downloadExport, parseCsv, readXlsx } from '@cz/exports';
import { asGateway, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { registryService } from '../service';

const [luzhouPark, gaoxinPark, xiangyuanPark] = DEMO_PARKS;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode };
const operator: Identity = { subject: 'operator-3', role: 'PARK_OPERATOR', parkId: xiangyuanPark.id };

const EXPORT = `query($report: ParkExportReport!, $format: ExportFormat!, $countyCode: String) { parkExport(report: $report, format: $format, countyCode: $countyCode) { url fileName expiresAt } }`;
type Link = { url: string; fileName: string; expiresAt: string };

const PARK_HEADERS = ['园区名称', '认定名称', '县区代码', '县区', '状态', '认定日期', '地址', '产权归属', '注册时间', '建筑面积（平方米）', '载体数', '载体建筑面积合计（平方米）', '建设投入资金（元）', '管理团队人数', '载体建设方式'];
const STATUS_LABELS: Record<string, string> = { CANDIDATE: '候选', RECOGNISED: '已认定', REVOKED: '已取消资格' };
const yuan = (fen: string) => (Number(fen) / 100).toFixed(2);

describe('park exports: CSV and XLSX download links (real PostgreSQL, over HTTP)', () => {
  let registry: TestSubgraph;
  const today = shanghaiDate(new Date());

  const linkFor = async (identity: Identity, variables: Record<string, unknown>) => {
    const response = await asGateway<{ parkExport: Link }>(registry.url, identity, EXPORT, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.parkExport;
  };

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService, { seedDemo: true });
    // The demo profiles carry no sites or recognition: give 潞州 both, as an approval would.
    await registry.service.dataSource.query(
      `INSERT INTO registry.park_site (park_id, name, address, building_area_m2, is_core, created_at) VALUES ($1, '核心园区', '英雄北路 168 号', 3200.25, true, now()), ($1, '分园区', '太行东街 8 号', 2000.5, false, now())`,
      [luzhouPark.id],
    );
    await registry.service.dataSource.query(
      `INSERT INTO registry.park_status_history (park_id, from_status, to_status, reason, approval_document_no, approved_on, actor) VALUES ($1, 'CANDIDATE', 'RECOGNISED', '批复认定', '长人社函〔2023〕12号', '2023-06-30', 'city-1')`,
      [luzhouPark.id],
    );
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('hands the city bureau a personal CSV link of the whole park list, with Chinese headers and the seeded parks, never contacts', async () => {
    const link = await linkFor(city, { report: 'PARKS', format: 'CSV' });
    expect(link.url).toMatch(/^\/files\/registry\/exports\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(link.fileName).toBe(`园区名单-${today}.csv`);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const download = await downloadExport(registry.url, city, link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="____-${today}.csv"; filename*=UTF-8''${encodeURIComponent(`园区名单-${today}.csv`)}`);
    const [header, ...rows] = parseCsv(download.bytes);
    expect(header).toEqual(PARK_HEADERS);
    // Ordered by county code, then name.
    const expected = [...DEMO_PARKS].sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.name.localeCompare(b.name));
    expect(rows.map((row) => [row[0], row[1], row[2], row[4], row[9], row[12], row[13]])).toEqual(
      expected.map((park) => [park.name, demoOfficialName(park) ?? '', park.countyCode, STATUS_LABELS[park.status], park.buildingAreaM2, yuan(park.constructionInvestmentFen), String(park.managementTeamSize)]),
    );
    const luzhou = rows.find((row) => row[0] === luzhouPark.name)!;
    expect([luzhou[3], luzhou[5], luzhou[8], luzhou[10], luzhou[11], luzhou[14]]).toEqual(['潞州区', '2023-06-30', luzhouPark.registeredOn, '2', '5200.75', '改建']);
    // Art 17: neither a contact's name nor a phone number is in the file, masked or not.
    const text = download.bytes.toString('utf8');
    for (const park of DEMO_PARKS) {
      expect(text).not.toContain(park.contactName);
      expect(text).not.toContain(park.contactPhone.slice(-4));
    }
  });

  it('gives a county bureau only its own parks, as an Excel sheet with numbers as numbers', async () => {
    const link = await linkFor(luzhouCounty, { report: 'PARKS', format: 'XLSX' });
    expect(link.fileName).toBe(`园区名单-${today}.xlsx`);
    const download = await downloadExport(registry.url, luzhouCounty, link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [sheet] = await readXlsx(download.bytes);
    expect(sheet.name).toBe('园区名单');
    expect(sheet.rows[0]).toEqual(PARK_HEADERS);
    expect(sheet.rows.slice(1).map((row) => [row[0], row[5], row[9], row[12], row[13]])).toEqual([[luzhouPark.name, new Date(Date.UTC(2023, 5, 30)), 5200, 28_600_000, 18]]);
    // The same filter as the parks list: another county's filter shows nothing of it.
    const elsewhere = await downloadExport(registry.url, luzhouCounty, (await linkFor(luzhouCounty, { report: 'PARKS', format: 'CSV', countyCode: gaoxinPark.countyCode })).url);
    expect(parseCsv(elsewhere.bytes)).toEqual([PARK_HEADERS]);
  });

  it('exports the park statistics as two tables whose figures match the seeded parks', async () => {
    const link = await linkFor(dataTeam, { report: 'STATISTICS', format: 'XLSX' });
    expect(link.fileName).toBe(`园区统计-${today}.xlsx`);
    const sheets = await readXlsx((await downloadExport(registry.url, dataTeam, link.url)).bytes);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['园区数量（按县区）', '历年认定与取消资格']);
    const [header, ...counties] = sheets[0].rows;
    expect(header).toEqual(['县区代码', '县区', '候选', '已认定', '已取消资格', '合计']);
    const countOf = (status: string, countyCode?: string) => DEMO_PARKS.filter((park) => park.status === status && (!countyCode || park.countyCode === countyCode)).length;
    expect(counties.at(-1)).toEqual([null, '全市合计', countOf('CANDIDATE'), countOf('RECOGNISED'), countOf('REVOKED'), DEMO_PARKS.length]);
    for (const park of DEMO_PARKS) {
      const row = counties.find((county) => county[0] === park.countyCode)!;
      expect(row.slice(2)).toEqual([countOf('CANDIDATE', park.countyCode), countOf('RECOGNISED', park.countyCode), countOf('REVOKED', park.countyCode), DEMO_PARKS.filter((other) => other.countyCode === park.countyCode).length]);
    }
    // The one recognition on record (潞州, approved 2023).
    expect(sheets[1].rows).toEqual([['年度', '认定园区数', '取消资格园区数'], [2023, 1, 0]]);

    const csv = parseCsv((await downloadExport(registry.url, luzhouCounty, (await linkFor(luzhouCounty, { report: 'STATISTICS', format: 'CSV' })).url)).bytes);
    expect(csv.slice(0, 4)).toEqual([['园区数量（按县区）'], ['县区代码', '县区', '候选', '已认定', '已取消资格', '合计'], ['140403', '潞州区', '0', '1', '0', '1'], ['', '合计', '0', '1', '0', '1']]);
  });

  it('refuses what the lists and statistics refuse: a park its statistics, a county bureau another county', async () => {
    expect(errorCode(await asGateway(registry.url, operator, EXPORT, { report: 'STATISTICS', format: 'CSV' }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, luzhouCounty, EXPORT, { report: 'STATISTICS', format: 'CSV', countyCode: gaoxinPark.countyCode }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, { subject: 'anonymous', role: 'PUBLIC' }, EXPORT, { report: 'PARKS', format: 'CSV' }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a link that is expired, tampered with, or presented by another user', async () => {
    const { url } = await linkFor(city, { report: 'PARKS', format: 'CSV' });
    const refusal = async (identity: Identity, path: string) => {
      const download = await downloadExport(registry.url, identity, path);
      return [download.status, download.errors?.[0]?.extensions.code, download.errors?.[0]?.extensions.reason];
    };
    expect(await refusal({ ...city, subject: 'city-2' }, url)).toEqual([403, 'FORBIDDEN', 'LINK_OF_ANOTHER_USER']);
    // A park operator replaying the city bureau's link gets nothing either.
    expect(await refusal(operator, url)).toEqual([403, 'FORBIDDEN', 'LINK_OF_ANOTHER_USER']);
    const [header, payload, signature] = url.split('/').pop()!.split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), rpt: 'STATISTICS' })).toString('base64url');
    expect(await refusal(city, `/files/registry/exports/${header}.${widened}.${signature}`)).toEqual([403, 'FORBIDDEN', 'LINK_INVALID']);
    const expired = await createExportLink({ service: 'registry', report: 'PARKS', format: 'CSV', params: { countyCode: null }, title: '园区名单', identity: city, key: LOCAL_DEFAULTS.internalIdentityKey, now: new Date(Date.now() - 11 * 60_000) });
    expect(await refusal(city, expired.url)).toEqual([403, 'FORBIDDEN', 'LINK_EXPIRED']);
    // A link is for one service: the funding service's link means nothing here.
    const foreign = await createExportLink({ service: 'funding', report: 'PARKS', format: 'CSV', params: {}, title: '园区名单', identity: city, key: LOCAL_DEFAULTS.internalIdentityKey, now: new Date() });
    expect(await refusal(city, foreign.url)).toEqual([403, 'FORBIDDEN', 'LINK_INVALID']);
    // Still good for its own user.
    expect((await downloadExport(registry.url, city, url)).status).toBe(200);
  });
});
