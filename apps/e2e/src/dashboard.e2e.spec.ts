import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { shanghaiDate } from '@cz/calendar';
import { DEMO_PARKS } from '@cz/demo-data';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type RunningSystem, startSystem } from './support/system';
import { as, bearer, gql } from './support/tokens';

/** Kept after the run, for a person to look at (the "Done when" of issue 7). */
const SCREENSHOT = join(__dirname, '..', '..', '..', 'dist', 'test-artifacts', 'dashboard.png');
const CHROMIUM = '/usr/bin/chromium';
const operator = { subject: 'e2e-operator', role: 'PARK_OPERATOR' as const, parkId: DEMO_PARKS[0].id };

/** What the seeded demo data must show, computed from the demo data set itself. */
const STAGES = ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED', 'RETURNED', 'REJECTED'];
const IN_PROGRESS = ['COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'RETURNED'];
const recognisedParks = DEMO_PARKS.filter((park) => park.status === 'RECOGNISED');
/** The seed's recognition award: 800,000 yuan = 80 万元, granted and paid, in the year of recognition. */
const AWARD_WAN = 80;
const gradesOf = (year: number) => {
  const scores = DEMO_PARKS.flatMap((park) => (park.assessments?.[year] ? [Number(park.assessments[year])] : []));
  return { excellent: scores.filter((score) => score >= 90).length, qualified: scores.filter((score) => score >= 60 && score < 90).length, unqualified: scores.filter((score) => score < 60).length };
};

describe('the dashboard page in headless Chromium (Debian chromium through playwright-core), on npm start with the demo data', () => {
  let system: RunningSystem;
  let context: BrowserContext;
  let userDataDir: string;
  let origin: string;
  const currentYear = Number(shanghaiDate(new Date()).slice(0, 4));
  const years = Array.from({ length: 10 }, (_, index) => currentYear - 9 + index);

  /** A fresh tab that records every console error, page error, CSP report and request it makes. */
  const openPage = async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    return { page, problems, requests };
  };
  const text = (page: Page, selector: string) => page.locator(selector).innerText();

  beforeAll(async () => {
    system = await startSystem('dashboard');
    origin = new URL(system.gatewayUrl).origin;
    userDataDir = await mkdtemp(join(tmpdir(), 'cz-dashboard-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1360, height: 1100 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    await system?.stop();
  });

  it('shows the city bureau the seeded figures and draws the charts, with no console error or CSP violation', async () => {
    const token = (await bearer(as.city)).authorization.replace(/^Bearer /, '');
    const { page, problems, requests } = await openPage();
    const response = await page.goto(`${origin}/dashboard#token=${token}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });

    // The token left the address bar at once and stays in this tab only.
    expect(page.url()).toBe(`${origin}/dashboard`);
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('cz-dashboard-token'))).toBe(token);

    // Key figures, as the demo data has them.
    const cards = await page.locator('#figures .card').allInnerTexts();
    expect(cards[0]).toContain('已认定园区');
    expect(await text(page, '#figures .card:nth-child(1) .card-value')).toBe(String(recognisedParks.length));
    expect(await text(page, '#figures .card:nth-child(1) .card-note')).toBe(`园区总数 ${DEMO_PARKS.length}，候选 ${DEMO_PARKS.length - recognisedParks.length}，已取消资格 0`);
    const fundedThisYear = recognisedParks.filter((park) => park.recognisedYear === currentYear).length * AWARD_WAN;
    const fundedInRange = recognisedParks.filter((park) => years.includes(park.recognisedYear!)).length * AWARD_WAN;
    expect(await text(page, '#figures .card:nth-child(2) .card-label')).toBe(`${currentYear} 年核定资金`);
    expect(await text(page, '#figures .card:nth-child(2) .card-value')).toBe(`${fundedThisYear.toFixed(2)} 万元`);
    expect(await text(page, '#figures .card:nth-child(2) .card-note')).toBe(`${years[0]}–${currentYear} 年累计 ${fundedInRange.toFixed(2)} 万元`);
    expect(await text(page, '#figures .card:nth-child(3) .card-note')).toBe(`${years[0]}–${currentYear} 年累计 ${fundedInRange.toFixed(2)} 万元`);
    const gradedYear = Math.max(...DEMO_PARKS.flatMap((park) => Object.keys(park.assessments ?? {}).map(Number)));
    const grades = gradesOf(gradedYear);
    expect(await text(page, '#figures .card:nth-child(4) .card-label')).toBe(`${gradedYear} 年度考核等次`);
    expect(await text(page, '#figures .card:nth-child(4) .card-value')).toBe(`优秀 ${grades.excellent} · 合格 ${grades.qualified} · 不合格 ${grades.unqualified}`);
    expect(await text(page, '#figures .card:nth-child(5) .card-value')).toBe(String(DEMO_PARKS.filter((park) => IN_PROGRESS.includes(park.applicationStage)).length));

    // Parks per county: a row for every county the registry knows, a segment for each non-zero status.
    const counties = await gql<{ counties: Array<{ code: string }> }>(system.gatewayUrl, as.city, '{ counties { code } }');
    const countyChart = page.locator('#chart-counties svg');
    expect(await countyChart.locator('g.bar').count()).toBe(counties.data!.counties.length);
    const segments = await countyChart.locator('rect.segment').evaluateAll((rects) => rects.map((rect) => `${rect.parentElement?.getAttribute('data-key')}/${rect.getAttribute('data-series')}/${rect.getAttribute('data-value')}`));
    const expectedSegments = [...new Set(DEMO_PARKS.map((park) => `${park.countyCode}/${park.status.toLowerCase()}`))].map((key) => `${key}/${DEMO_PARKS.filter((park) => `${park.countyCode}/${park.status.toLowerCase()}` === key).length}`);
    expect(segments.sort()).toEqual(expectedSegments.sort());

    // Funding per year: granted and paid for each of the ten years, the award years at 80 万元.
    const fundingChart = page.locator('#chart-funding svg');
    expect(await fundingChart.locator('g.bar').count()).toBe(years.length);
    const columns = await fundingChart.locator('rect.segment').evaluateAll((rects) => rects.map((rect) => `${rect.parentElement?.getAttribute('data-key')}/${rect.getAttribute('data-series')}/${rect.getAttribute('data-value')}`));
    const awardedIn = (year: number) => recognisedParks.filter((park) => park.recognisedYear === year).length * AWARD_WAN;
    expect(columns).toEqual(years.flatMap((year) => [`${year}/granted/${awardedIn(year)}`, `${year}/paid/${awardedIn(year)}`]));

    // Grade distribution per year: one segment per year and grade that has parks.
    const gradeChart = page.locator('#chart-grades svg');
    expect(await gradeChart.locator('g.bar').count()).toBe(years.length);
    const gradeSegments = await gradeChart.locator('rect.segment').evaluateAll((rects) => rects.map((rect) => `${rect.parentElement?.getAttribute('data-key')}/${rect.getAttribute('data-series')}/${rect.getAttribute('data-value')}`));
    expect(gradeSegments).toEqual(years.flatMap((year) => Object.entries(gradesOf(year)).flatMap(([grade, count]) => (count > 0 ? [`${year}/${grade}/${count}`] : []))));

    // The application pipeline: every stage listed, a bar for each stage that has applications.
    const pipeline = page.locator('#chart-pipeline svg');
    expect(await pipeline.locator('g.bar').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-key')))).toEqual(STAGES);
    const stageBars = await pipeline.locator('rect.segment').evaluateAll((rects) => rects.map((rect) => `${rect.parentElement?.getAttribute('data-key')}/${rect.getAttribute('data-value')}`));
    expect(stageBars).toEqual(STAGES.flatMap((stage) => {
      const count = DEMO_PARKS.filter((park) => park.applicationStage === stage).length;
      return count > 0 ? [`${stage}/${count}`] : [];
    }));
    expect(await page.locator('#chart-counties text.label').first().textContent()).toMatch(/[\u4e00-\u9fff]/);

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`dashboard screenshot: ${SCREENSHOT}`);

    // Nothing went wrong on the page, and it spoke to no one but its own origin, the token never in a URL.
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(requests.filter((url) => url.includes(token))).toEqual([]);
    expect(requests).toContain(`${origin}/graphql`);
    await page.close();
  });

  it('shows the data team the same charts with its own token typed into the field', async () => {
    const token = (await bearer(as.dataTeam)).authorization.replace(/^Bearer /, '');
    const { page, problems } = await openPage();
    await page.goto(`${origin}/dashboard`);
    await page.waitForSelector('#status:not(:empty)');
    await page.fill('#token', token);
    await page.click('#token-form button[type="submit"]');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    expect(await text(page, '#figures .card:nth-child(1) .card-value')).toBe(String(recognisedParks.length));
    expect(await page.locator('#charts figure svg').count()).toBe(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells a park operator in Chinese that it may not read the programme statistics, and draws nothing', async () => {
    const token = (await bearer(operator)).authorization.replace(/^Bearer /, '');
    const { page, problems } = await openPage();
    await page.goto(`${origin}/dashboard#token=${token}`);
    await page.waitForSelector('#status.refused', { timeout: 30_000 });
    expect(await text(page, '#status')).toContain('您的账号无权查看项目统计');
    expect(await page.locator('#charts').isHidden()).toBe(true);
    expect(await page.locator('#figures').isHidden()).toBe(true);
    expect(await page.locator('svg').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hands out export links the gateway serves to their own user only (the download links of the same issue)', async () => {
    const asked = await gql<{ fundingExport: { url: string; fileName: string } }>(system.gatewayUrl, as.dataTeam, '{ fundingExport(report: STATISTICS, format: XLSX) { url fileName } }');
    expect(asked.errors).toBeUndefined();
    const { url, fileName } = asked.data!.fundingExport;
    expect(url).toMatch(/^\/files\/funding\/exports\//);
    const file = await fetch(`${origin}${url}`, { headers: await bearer(as.dataTeam) });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');
    // Another user's token, or none, gets nothing from the same link.
    expect((await fetch(`${origin}${url}`, { headers: await bearer(as.city) })).status).toBe(403);
    expect((await fetch(`${origin}${url}`)).status).toBe(403);
    // The data team never gets the per-park funding list.
    const refused = await gql(system.gatewayUrl, as.dataTeam, '{ fundingExport(report: AWARDS, format: CSV) { url } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('asks for a token again when the one given is not valid', async () => {
    const { page } = await openPage();
    await page.goto(`${origin}/dashboard#token=not-a-real-token`);
    await page.waitForSelector('#status.error', { timeout: 30_000 });
    expect(await text(page, '#status')).toBe('访问令牌无效或已过期，请重新输入。');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('cz-dashboard-token'))).toBeNull();
    await page.close();
  });
});
