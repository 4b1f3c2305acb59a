import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { DEMO_PARKS } from '@cz/demo-data';
import { downloadExport, parseCsv, readXlsx } from '@cz/exports';
import { STAGE_NAMES } from '@cz/policy';
import { asGateway, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { applicationsService } from '../service';

const [luzhouPark, gaoxinPark] = DEMO_PARKS;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode };
const reviewer: Identity = { subject: 'reviewer-1', role: 'REVIEWER' };

const EXPORT = `query($report: ApplicationExportReport!, $format: ExportFormat!, $fromYear: Int, $toYear: Int, $countyCode: String) {
  applicationExport(report: $report, format: $format, fromYear: $fromYear, toYear: $toYear, countyCode: $countyCode) { url fileName expiresAt } }`;
const HEADERS = ['申报年度', '园区名称', '县区代码', '申报类型', '当前阶段', '创建日期', '提交日期', '办结日期'];

/** Each demo park's one recognition application, as the seed dates it (see seed-demo.ts). */
const demoRows = DEMO_PARKS.map((park) => {
  const year = park.recognisedYear ?? 2026;
  return [String(year), park.name, park.countyCode, '认定申报', STAGE_NAMES[park.applicationStage], `${year}-03-01`, park.applicationStage === 'DRAFT' ? '' : `${year}-03-15`, park.applicationStage === 'APPROVED' ? `${year}-10-20` : ''];
});
const sorted = (rows: string[][]) => [...rows].sort((a, b) => a.join().localeCompare(b.join()));

describe('application exports: CSV and XLSX download links (real PostgreSQL, over HTTP)', () => {
  let subgraph: TestSubgraph;

  const download = async (identity: Identity, variables: Record<string, unknown>) => {
    const response = await asGateway<{ applicationExport: { url: string; fileName: string } }>(subgraph.url, identity, EXPORT, variables);
    expect(response.errors).toBeUndefined();
    const { url, fileName } = response.data!.applicationExport;
    const file = await downloadExport(subgraph.url, identity, url);
    expect(file.status).toBe(200);
    return { url, fileName, bytes: file.bytes, disposition: file.headers.get('content-disposition') };
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService, { seedDemo: true });
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('exports the application list the caller may see, with Chinese headers, stages and dates', async () => {
    const all = await download(city, { report: 'APPLICATIONS', format: 'CSV' });
    expect(all.fileName).toBe(`申报名单-${shanghaiDate(new Date())}.csv`);
    expect(all.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(all.fileName)}`);
    const [header, ...rows] = parseCsv(all.bytes);
    expect(header).toEqual(HEADERS);
    expect(sorted(rows)).toEqual(sorted(demoRows));
    // Newest application year first.
    expect(rows.map((row) => row[0])).toEqual([...rows.map((row) => row[0])].sort().reverse());

    // Only the years asked for.
    expect(parseCsv((await download(city, { report: 'APPLICATIONS', format: 'CSV', fromYear: 2024, toYear: 2024 })).bytes).slice(1)).toEqual([demoRows[1]]);
    // A county bureau: its own county's applications, as the applications list shows them.
    expect(parseCsv((await download(luzhouCounty, { report: 'APPLICATIONS', format: 'CSV' })).bytes).slice(1)).toEqual([demoRows[0]]);
    // A reviewer sees the applications it is assigned to: none yet.
    expect(parseCsv((await download(reviewer, { report: 'APPLICATIONS', format: 'CSV' })).bytes)).toEqual([HEADERS]);
  });

  it('exports the application list as an Excel sheet with years as numbers and days as dates', async () => {
    const [sheet] = await readXlsx((await download(dataTeam, { report: 'APPLICATIONS', format: 'XLSX', countyCode: gaoxinPark.countyCode })).bytes);
    expect(sheet.rows).toEqual([HEADERS, [2024, gaoxinPark.name, gaoxinPark.countyCode, '认定申报', '已批复', new Date(Date.UTC(2024, 2, 1)), new Date(Date.UTC(2024, 2, 15)), new Date(Date.UTC(2024, 9, 20))]]);
  });

  it('exports the application statistics whose figures match the seeded applications', async () => {
    const statistics = await download(dataTeam, { report: 'STATISTICS', format: 'XLSX', fromYear: 2023, toYear: 2026 });
    expect(statistics.fileName).toBe(`申报统计-${shanghaiDate(new Date())}.xlsx`);
    const sheets = await readXlsx(statistics.bytes);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['按当前阶段', '按申报年度和阶段', '各阶段停留时间（自然日）', '公示期限执行情况', '历年趋势']);
    const inStage = (stage: string, year?: number) => DEMO_PARKS.filter((park) => park.applicationStage === stage && (year === undefined || (park.recognisedYear ?? 2026) === year)).length;
    expect(sheets[0].rows.slice(1)).toEqual(Object.entries(STAGE_NAMES).map(([stage, name]) => [name, inStage(stage)]));
    expect(sheets[1].rows[0]).toEqual(['申报年度', ...Object.values(STAGE_NAMES)]);
    expect(sheets[1].rows.slice(1)).toEqual([2023, 2024, 2025, 2026].map((year) => [year, ...Object.keys(STAGE_NAMES).map((stage) => inStage(stage, year))]));
    expect(sheets[3].rows).toEqual([['公示期限总数', '按时', '逾期结束', '逾期未结', '未到期', '未按期完成'], [0, 0, 0, 0, 0, 0]]);
    const trend = (year: number) => {
      const parks = DEMO_PARKS.filter((park) => (park.recognisedYear ?? 2026) === year);
      const approved = parks.filter((park) => park.applicationStage === 'APPROVED').length;
      return [year, parks.length, parks.filter((park) => park.applicationStage !== 'DRAFT').length, approved, approved, 0, 0];
    };
    expect(sheets[4].rows.slice(1)).toEqual([2023, 2024, 2025, 2026].map(trend));

    // The CSV holds the same tables as titled sections; a county bureau's covers its county only.
    const csv = parseCsv((await download(luzhouCounty, { report: 'STATISTICS', format: 'CSV', fromYear: 2023, toYear: 2023 })).bytes);
    expect(csv.slice(0, 3)).toEqual([['按当前阶段'], ['阶段', '申报数'], ['草稿', '0']]);
    expect(csv).toContainEqual(['已批复', '1']);
  });

  it('refuses the statistics to a reviewer, another county to a county bureau, and a link to anyone but its user', async () => {
    expect(errorCode(await asGateway(subgraph.url, reviewer, EXPORT, { report: 'STATISTICS', format: 'CSV' }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(subgraph.url, luzhouCounty, EXPORT, { report: 'STATISTICS', format: 'CSV', countyCode: gaoxinPark.countyCode }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(subgraph.url, dataTeam, EXPORT, { report: 'STATISTICS', format: 'CSV', fromYear: 2026, toYear: 2020 }))).toBe('BAD_USER_INPUT');
    const { url } = await download(city, { report: 'APPLICATIONS', format: 'XLSX' });
    const stolen = await downloadExport(subgraph.url, luzhouCounty, url);
    expect([stolen.status, stolen.errors?.[0]?.extensions.reason]).toEqual([403, 'LINK_OF_ANOTHER_USER']);
  });
});
