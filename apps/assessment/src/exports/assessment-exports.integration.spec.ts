import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { DEMO_PARKS } from '@cz/demo-data';
import { downloadExport, parseCsv, readXlsx } from '@cz/exports';
import { gradeOf } from '@cz/policy';
import { asGateway, errorCode, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { assessmentService } from '../service';

const [luzhouPark, gaoxinPark] = DEMO_PARKS;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const gaoxinCounty: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: gaoxinPark.countyCode };
const reviewer: Identity = { subject: 'reviewer-1', role: 'REVIEWER' };

const EXPORT = `query($report: AssessmentExportReport!, $format: ExportFormat!, $fromYear: Int, $toYear: Int, $countyCode: String) {
  assessmentExport(report: $report, format: $format, fromYear: $fromYear, toYear: $toYear, countyCode: $countyCode) { url fileName expiresAt } }`;
const HEADERS = ['考核年度', '园区名称', '县区代码', '状态', '总分', '等次', '初评总分', '初评等次', '通报表扬', '定级日期'];
const GRADE_NAMES: Record<string, string> = { EXCELLENT: '优秀', QUALIFIED: '合格', UNQUALIFIED: '不合格' };

/** The seed's final assessments (see seed-demo.ts): newest year first, best score first within a year. */
const seeded = DEMO_PARKS.flatMap((park) => Object.entries(park.assessments ?? {}).map(([year, score]) => ({ park, year: Number(year), score, grade: GRADE_NAMES[gradeOf(score)] }))).sort(
  (a, b) => b.year - a.year || Number(b.score) - Number(a.score),
);
const csvRow = ({ park, year, score, grade }: (typeof seeded)[number]) => [String(year), park.name, park.countyCode, '已定级', score, grade, score, grade, grade === '优秀' ? '是' : '否', ''];

describe('assessment exports: CSV and XLSX download links (real PostgreSQL, over HTTP)', () => {
  let assessment: TestSubgraph;

  const download = async (identity: Identity, variables: Record<string, unknown>) => {
    const response = await asGateway<{ assessmentExport: { url: string; fileName: string } }>(assessment.url, identity, EXPORT, variables);
    expect(response.errors).toBeUndefined();
    const file = await downloadExport(assessment.url, identity, response.data!.assessmentExport.url);
    expect(file.status).toBe(200);
    return { ...file, fileName: response.data!.assessmentExport.fileName };
  };

  beforeAll(async () => {
    assessment = await startTestSubgraph(assessmentService, { seedDemo: true });
  });
  afterAll(async () => {
    await assessment?.close();
  });

  it('exports the assessment list with scores and grades in Chinese, as the assessments list filters it', async () => {
    const file = await download(dataTeam, { report: 'ASSESSMENTS', format: 'CSV' });
    expect(file.fileName).toBe(`考核名单-${shanghaiDate(new Date())}.csv`);
    expect(parseCsv(file.bytes)).toEqual([HEADERS, ...seeded.map(csvRow)]);
    expect(parseCsv((await download(city, { report: 'ASSESSMENTS', format: 'CSV', fromYear: 2024, toYear: 2024 })).bytes).slice(1)).toEqual(seeded.filter((row) => row.year === 2024).map(csvRow));
    expect(parseCsv((await download(gaoxinCounty, { report: 'ASSESSMENTS', format: 'CSV' })).bytes).slice(1)).toEqual(seeded.filter((row) => row.park === gaoxinPark).map(csvRow));
    // A reviewer sees what it is assigned to score: nothing yet.
    expect(parseCsv((await download(reviewer, { report: 'ASSESSMENTS', format: 'CSV' })).bytes)).toEqual([HEADERS]);
  });

  it('exports the assessment list to Excel with scores as numbers', async () => {
    const [sheet] = await readXlsx((await download(city, { report: 'ASSESSMENTS', format: 'XLSX', countyCode: luzhouPark.countyCode })).bytes);
    expect(sheet.rows).toEqual([HEADERS, [2025, luzhouPark.name, luzhouPark.countyCode, '已定级', 88, '合格', 88, '合格', '否', null], [2024, luzhouPark.name, luzhouPark.countyCode, '已定级', 92.5, '优秀', 92.5, '优秀', '是', null]]);
    expect(sheet.numberFormats[4]).toBe('#,##0.00');
  });

  it('exports the assessment statistics whose figures match the seeded assessments', async () => {
    const file = await download(dataTeam, { report: 'STATISTICS', format: 'XLSX', fromYear: 2024, toYear: 2025 });
    expect(file.fileName).toBe(`考核统计-${shanghaiDate(new Date())}.xlsx`);
    const sheets = await readXlsx(file.bytes);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['逐年等次分布', '逐年各维度得分（第十九条）', '历年平均总分']);
    const ofYear = (year: number) => seeded.filter((row) => row.year === year);
    const count = (year: number, grade: string) => ofYear(year).filter((row) => row.grade === grade).length;
    expect(sheets[0].rows).toEqual([
      ['考核年度', '考核园区数', '优秀', '合格', '不合格', '未定等次', '其中已最终定级'],
      ...[2024, 2025].map((year) => [year, ofYear(year).length, count(year, '优秀'), count(year, '合格'), count(year, '不合格'), 0, ofYear(year).length]),
    ]);
    // Seeded history has no indicator scores: every dimension is listed, with nothing counted.
    expect(sheets[1].rows.slice(1).map((row) => row.slice(0, 3))).toEqual([2024, 2025].flatMap((year) => ['经济发展情况', '作用发挥情况', '运营管理水平'].map((dimension) => [year, dimension, 0])));
    const average = (year: number) => Number((ofYear(year).reduce((sum, row) => sum + Number(row.score), 0) / ofYear(year).length).toFixed(2));
    expect(sheets[2].rows).toEqual([['考核年度', '已评分考核数', '平均总分'], ...[2024, 2025].map((year) => [year, ofYear(year).length, average(year)])]);
    expect(errorCode(await asGateway(assessment.url, reviewer, EXPORT, { report: 'STATISTICS', format: 'CSV' }))).toBe('FORBIDDEN');
  });

  it('refuses the list to the public and a link to anyone but its user', async () => {
    expect(errorCode(await asGateway(assessment.url, { subject: 'anonymous', role: 'PUBLIC' }, EXPORT, { report: 'ASSESSMENTS', format: 'CSV' }))).toBe('UNAUTHENTICATED');
    const response = await asGateway<{ assessmentExport: { url: string } }>(assessment.url, city, EXPORT, { report: 'ASSESSMENTS', format: 'CSV' });
    const stolen = await downloadExport(assessment.url, dataTeam, response.data!.assessmentExport.url);
    expect([stolen.status, stolen.errors?.[0]?.extensions.reason]).toEqual([403, 'LINK_OF_ANOTHER_USER']);
  });
});
