import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { LOCAL_DEFAULTS } from '@cz/config';
import { DEMO_PARKS } from '@cz/demo-data';
import { createExportLink, downloadExport, parseCsv, readXlsx } from '@cz/exports';
import { asGateway, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { fundingService } from '../service';

const [luzhouPark, gaoxinPark] = DEMO_PARKS;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode };
const gaoxinOperator: Identity = { subject: 'operator-2', role: 'PARK_OPERATOR', parkId: gaoxinPark.id };

const EXPORT = `query($report: FundingExportReport!, $format: ExportFormat!, $fromYear: Int, $toYear: Int, $countyCode: String) {
  fundingExport(report: $report, format: $format, fromYear: $fromYear, toYear: $toYear, countyCode: $countyCode) { url fileName expiresAt } }`;
const HEADERS = ['资金年度', '园区名称', '县区代码', '资金类别', '状态', '金额（元）', '已核定（元）', '已拨付（元）', '已支出（元）', '结余（元）', '创建日期'];

/** The seed's recognition awards: 800,000 yuan each, granted and paid in full, nothing spent yet (see seed-demo.ts). */
const recognised = DEMO_PARKS.filter((park) => park.recognisedYear !== undefined).sort((a, b) => b.recognisedYear! - a.recognisedYear!);
const csvRowOf = (park: (typeof DEMO_PARKS)[number], today: string) => [String(park.recognisedYear), park.name, park.countyCode, '认定奖励', '已拨付', '800000.00', '800000.00', '800000.00', '0.00', '800000.00', today];

describe('funding exports: CSV and XLSX download links (real PostgreSQL, over HTTP)', () => {
  let funding: TestSubgraph;
  const today = shanghaiDate(new Date());

  const linkFor = (identity: Identity, variables: Record<string, unknown>) => asGateway<{ fundingExport: { url: string; fileName: string } }>(funding.url, identity, EXPORT, variables);
  const download = async (identity: Identity, variables: Record<string, unknown>) => {
    const response = await linkFor(identity, variables);
    expect(response.errors).toBeUndefined();
    const file = await downloadExport(funding.url, identity, response.data!.fundingExport.url);
    expect(file.status).toBe(200);
    return { ...file, fileName: response.data!.fundingExport.fileName };
  };

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
  });
  afterAll(async () => {
    await funding?.close();
  });

  it('exports the funding list award by award, money in yuan, with the ledger totals of each award', async () => {
    const file = await download(city, { report: 'AWARDS', format: 'CSV' });
    expect(file.fileName).toBe(`资金名单-${today}.csv`);
    expect(parseCsv(file.bytes)).toEqual([HEADERS, ...recognised.map((park) => csvRowOf(park, today))]);
    // The years asked for, and a county bureau's own county only, as the fundingAwards list filters.
    expect(parseCsv((await download(city, { report: 'AWARDS', format: 'CSV', fromYear: 2024, toYear: 2030 })).bytes).slice(1)).toEqual([csvRowOf(gaoxinPark, today)]);
    expect(parseCsv((await download(luzhouCounty, { report: 'AWARDS', format: 'CSV' })).bytes).slice(1)).toEqual([csvRowOf(luzhouPark, today)]);
    expect(parseCsv((await download(gaoxinOperator, { report: 'AWARDS', format: 'CSV' })).bytes).slice(1)).toEqual([csvRowOf(gaoxinPark, today)]);
  });

  it('exports the funding list to Excel with money as numbers in yuan', async () => {
    const [sheet] = await readXlsx((await download(finance, { report: 'AWARDS', format: 'XLSX', toYear: 2023 })).bytes);
    expect(sheet.name).toBe('资金名单');
    expect(sheet.rows[0]).toEqual(HEADERS);
    expect(sheet.rows.slice(1).map((row) => row.slice(0, 10))).toEqual([[2023, luzhouPark.name, luzhouPark.countyCode, '认定奖励', '已拨付', 800_000, 800_000, 800_000, 0, 800_000]]);
    expect(sheet.numberFormats.slice(5, 10)).toEqual(Array(5).fill('#,##0.00'));
  });

  it('exports the funding statistics, to the data team too, with figures matching the seeded awards', async () => {
    const file = await download(dataTeam, { report: 'STATISTICS', format: 'XLSX', fromYear: 2023, toYear: 2024 });
    expect(file.fileName).toBe(`资金统计-${today}.xlsx`);
    const sheets = await readXlsx(file.bytes);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['逐年资金合计', '按年度县区类别状态', '资金使用范围（第十一条）', '促进就业与目标任务（第十条）']);
    const award = [1, 800_000, 800_000, 800_000, 0, 800_000, 0];
    expect(sheets[0].rows).toEqual([
      ['资金年度', '资金笔数', '金额（元）', '已核定（元）', '已拨付（元）', '已支出（元）', '结余（元）', '待拨付（元）'],
      ...recognised.map((park) => park.recognisedYear!).sort().map((year) => [year, ...award]),
      [null, 2, 1_600_000, 1_600_000, 1_600_000, 0, 1_600_000, 0],
    ]);
    expect(sheets[1].rows.slice(1)).toEqual([...recognised].reverse().map((park) => [park.recognisedYear, park.countyCode, '认定奖励', '已拨付', 1, 800_000]));
    expect(sheets[2].rows.slice(1).map((row) => row.slice(1))).toEqual(Array(5).fill([0, 0]));
    expect(sheets[3].rows.slice(1).map((row) => row[0])).toEqual([2023, 2024]);
    // A county bureau's statistics cover its own county; another county is refused.
    const own = parseCsv((await download(luzhouCounty, { report: 'STATISTICS', format: 'CSV', fromYear: 2023, toYear: 2024 })).bytes);
    expect(own.slice(0, 5)).toEqual([['逐年资金合计'], ['资金年度', '资金笔数', '金额（元）', '已核定（元）', '已拨付（元）', '已支出（元）', '结余（元）', '待拨付（元）'], ['2023', '1', '800000.00', '800000.00', '800000.00', '0.00', '800000.00', '0.00'], ['2024', '0', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'], ['', '1', '800000.00', '800000.00', '800000.00', '0.00', '800000.00', '0.00']]);
    expect(errorCode(await linkFor(luzhouCounty, { report: 'STATISTICS', format: 'CSV', countyCode: gaoxinPark.countyCode }))).toBe('FORBIDDEN');
    expect(errorCode(await linkFor(gaoxinOperator, { report: 'STATISTICS', format: 'CSV' }))).toBe('FORBIDDEN');
  });

  it('never gives the data team per-park funding, at the link or at the download', async () => {
    expect(errorCode(await linkFor(dataTeam, { report: 'AWARDS', format: 'CSV' }))).toBe('FORBIDDEN');
    // A link signed for it anyway (as if its rights had been withdrawn since): the download checks again.
    const signed = await createExportLink({ service: 'funding', report: 'AWARDS', format: 'CSV', params: {}, title: '资金名单', identity: dataTeam, key: LOCAL_DEFAULTS.internalIdentityKey, now: new Date() });
    const refused = await downloadExport(funding.url, dataTeam, signed.url);
    expect([refused.status, refused.errors?.[0]?.extensions.code]).toEqual([403, 'FORBIDDEN']);
    expect(refused.bytes.toString('utf8')).not.toContain(luzhouPark.name);
  });
});
