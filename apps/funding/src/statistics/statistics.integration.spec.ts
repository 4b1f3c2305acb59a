import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { CITY_MEASURES } from '@cz/policy';
import { asGateway, errorCode, startTestSubgraph, statementsDuring, statisticsRefusals, type TestSubgraph } from '@cz/testing';
import { fundingService } from '../service';

const LUZHOU = '140403';
const SHANGDANG = '140404';
const XIANGYUAN = '140423';
const LICHENG = '140426';
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const lichengOfficer: Identity = { subject: 'county-26', role: 'COUNTY_BUREAU', countyCode: LICHENG };

const TOTALS = 'awardCount amount amountYuan granted paid spent balance availableToPay';
const FUNDING_STATISTICS = `query($fromYear: Int, $toYear: Int, $countyCode: String) {
  fundingStatistics(fromYear: $fromYear, toYear: $toYear, countyCode: $countyCode) {
    fromYear toYear countyCode totals { ${TOTALS} } byYear { year totals { ${TOTALS} } }
    byYearCountyKindStatus { year countyCode kind status count amount amountYuan }
    spendingByCategory { category entryCount amount amountYuan }
    employmentByYear { year urbanNewEmploymentTarget ruralLabourTransferTarget targetsTotal thresholdPercent thresholdPersons verifiedReports employmentPromoted parksReachingThreshold } } }`;

type Kind = 'RECOGNITION_AWARD' | 'OPERATING_SUBSIDY';
type Status = 'PENDING' | 'APPROVED' | 'HELD' | 'PAID' | 'CANCELLED';
const CATEGORIES = ['RENT_SUBSIDY', 'RENOVATION', 'PROPERTY_MANAGEMENT', 'PUBLIC_VENUES', 'PARK_OPERATION'] as const;
type Category = (typeof CATEGORIES)[number];

interface Totals {
  awardCount: number;
  amount: string;
  amountYuan: string;
  granted: string;
  paid: string;
  spent: string;
  balance: string;
  availableToPay: string;
}
interface EmploymentYear {
  year: number;
  urbanNewEmploymentTarget: number | null;
  ruralLabourTransferTarget: number | null;
  targetsTotal: number | null;
  thresholdPercent: number | null;
  thresholdPersons: number | null;
  verifiedReports: number;
  employmentPromoted: number;
  parksReachingThreshold: number | null;
}
interface Statistics {
  fromYear: number;
  toYear: number;
  countyCode: string | null;
  totals: Totals;
  byYear: Array<{ year: number; totals: Totals }>;
  byYearCountyKindStatus: Array<{ year: number; countyCode: string; kind: Kind; status: Status; count: number; amount: string; amountYuan: string }>;
  spendingByCategory: Array<{ category: Category; entryCount: number; amount: string; amountYuan: string }>;
  employmentByYear: EmploymentYear[];
}

interface ModelSpending {
  category: Category;
  amount: bigint;
  returned: boolean;
  reversed: boolean;
}
/** An award as the test seeds it; `county` null for a park whose facts have not reached funding. */
interface ModelAward {
  park: string;
  county: string | null;
  kind: Kind;
  year: number;
  status: Status;
  amount: bigint;
  granted: bigint;
  /** A granted sum later reversed in full by a correction (counts for nothing). */
  grantReversed: boolean;
  paid: bigint;
  spending: ModelSpending[];
}
interface ModelReport {
  park: string;
  county: string | null;
  year: number;
  status: 'REPORTED' | 'VERIFIED' | 'RETURNED';
  employmentPromoted: number;
}

/** The city's targets as entered (2023 and 2024 never were); the city's measures are in force from 2024. */
const TARGETS: Record<number, [number, number]> = { 2022: [8000, 2000], 2025: [9000, 3001], 2026: [7000, 3000] };
/** Licheng's own version (Art 22) from 2025: a 20 % threshold instead of the city's 15 %. */
const LICHENG_VERSION = { code: 'LICHENG-2025', effectiveFrom: '2025-01-01', percent: 20 };

/**
 * Deterministic variety: 25 parks in four counties and one not yet known to funding, recognition
 * awards and subsidies of 2022–2025 in every status (zero subsidies below the threshold too) and
 * one 2019 award outside the ranges asked for; grants, part and full payments, spending in every
 * category, some returned by the county or reversed by a correction, a reversed grant; employment
 * reports verified, still reported or returned.
 */
function generate(parks: ReadonlyArray<{ id: string; county: string | null }>): { awards: ModelAward[]; reports: ModelReport[] } {
  const awards: ModelAward[] = [];
  const reports: ModelReport[] = [];
  const statuses: Status[] = ['PENDING', 'APPROVED', 'HELD', 'PAID', 'CANCELLED'];
  parks.forEach((park, i) => {
    const recognitionYear = i === 0 ? 2019 : 2022 + (i % 4);
    const candidates: Array<{ kind: Kind; year: number; status: Status; amount: bigint }> = [
      { kind: 'RECOGNITION_AWARD', year: recognitionYear, status: i % 3 === 0 ? 'APPROVED' : 'PAID', amount: 80_000_000n },
    ];
    for (let year = 2022; year <= 2025; year += 1) {
      if ((i + year) % 3 === 0) continue;
      const status = statuses[(i + year) % 5];
      const belowThreshold = status === 'PENDING' && i % 2 === 0;
      candidates.push({ kind: 'OPERATING_SUBSIDY', year, status, amount: belowThreshold ? 0n : 30_000_000n + BigInt(((i * 7 + year) % 50) * 300_000) });
      const reportStatus = (['VERIFIED', 'VERIFIED', 'REPORTED', 'VERIFIED', 'RETURNED'] as const)[(i * 3 + year) % 5];
      reports.push({ park: park.id, county: park.county, year, status: reportStatus, employmentPromoted: (i * 379 + year * 17) % 3000 });
    }
    candidates.forEach((candidate, k) => {
      const payable = candidate.status === 'APPROVED' || candidate.status === 'PAID';
      const granted = payable ? candidate.amount : 0n;
      const paid = candidate.status === 'PAID' ? granted : candidate.status === 'APPROVED' && (i + k) % 2 === 0 ? granted / 2n : 0n;
      const spending: ModelSpending[] =
        paid === 0n
          ? []
          : Array.from({ length: 1 + ((i + k) % 3) }, (_, s) => ({
              category: CATEGORIES[(i + k + s) % CATEGORIES.length],
              amount: 100_000n * BigInt(1 + ((i * 11 + k * 5 + s * 3) % 40)),
              returned: (i + s) % 7 === 3,
              reversed: (i + s) % 7 === 5,
            }));
      awards.push({ park: park.id, county: park.county, ...candidate, granted, grantReversed: payable && i % 11 === 4 && k === 1, paid, spending });
    });
  });
  return { awards, reports };
}

const yuan = (fen: bigint) => `${(fen / 100n).toLocaleString('en-US')}.${(fen % 100n).toString().padStart(2, '0')}`;
const sum = <T>(items: readonly T[], pick: (item: T) => bigint) => items.reduce((total, item) => total + pick(item), 0n);
const counted = (spending: ModelSpending) => !spending.returned && !spending.reversed;

function expectedTotals(awards: readonly ModelAward[]): Totals {
  const amount = sum(awards, (award) => award.amount);
  const granted = sum(awards, (award) => (award.grantReversed ? 0n : award.granted));
  const paid = sum(awards, (award) => award.paid);
  const spent = sum(awards, (award) => sum(award.spending.filter(counted), (spending) => spending.amount));
  return { awardCount: awards.length, amount: `${amount}`, amountYuan: yuan(amount), granted: `${granted}`, paid: `${paid}`, spent: `${spent}`, balance: `${paid - spent}`, availableToPay: `${granted - paid}` };
}

/** Art 10 worked out by hand: ⌈percent × targets⌉, the percent of the version in force on 31 December. */
function expectedEmployment(reports: readonly ModelReport[], year: number, countyCode: string | null): EmploymentYear {
  const targets = TARGETS[year];
  const cityPercent = year >= 2024 ? CITY_MEASURES.parameters.operatingSubsidy.thresholdPercentOfTargets : null;
  const percent = countyCode === LICHENG && `${year}-12-31` >= LICHENG_VERSION.effectiveFrom ? LICHENG_VERSION.percent : cityPercent;
  const total = targets ? targets[0] + targets[1] : null;
  const threshold = total !== null && percent !== null ? Math.ceil((percent * total) / 100) : null;
  const verified = reports.filter((report) => report.year === year && report.status === 'VERIFIED');
  return {
    year,
    urbanNewEmploymentTarget: targets?.[0] ?? null,
    ruralLabourTransferTarget: targets?.[1] ?? null,
    targetsTotal: total,
    thresholdPercent: percent,
    thresholdPersons: threshold,
    verifiedReports: verified.length,
    employmentPromoted: verified.reduce((people, report) => people + report.employmentPromoted, 0),
    parksReachingThreshold: threshold === null ? null : verified.filter((report) => report.employmentPromoted >= threshold).length,
  };
}

function expectedStatistics(model: { awards: ModelAward[]; reports: ModelReport[] }, fromYear: number, toYear: number, countyCode: string | null): Statistics {
  const inScope = <T extends { county: string | null; year: number }>(items: readonly T[]) =>
    items.filter((item) => item.county !== null && item.year >= fromYear && item.year <= toYear && (countyCode === null || item.county === countyCode));
  const awards = inScope(model.awards);
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, index) => fromYear + index);
  const groups = new Map<string, Statistics['byYearCountyKindStatus'][number] & { fen: bigint }>();
  for (const award of awards) {
    const key = [award.year, award.county, award.kind, award.status].join('/');
    const group = groups.get(key) ?? { year: award.year, countyCode: award.county as string, kind: award.kind, status: award.status, count: 0, amount: '0', amountYuan: '', fen: 0n };
    groups.set(key, { ...group, count: group.count + 1, fen: group.fen + award.amount });
  }
  const spent = awards.flatMap((award) => award.spending.filter(counted));
  return {
    fromYear,
    toYear,
    countyCode,
    totals: expectedTotals(awards),
    byYear: years.map((year) => ({ year, totals: expectedTotals(awards.filter((award) => award.year === year)) })),
    byYearCountyKindStatus: [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, { fen, ...group }]) => ({ ...group, amount: `${fen}`, amountYuan: yuan(fen) })),
    spendingByCategory: CATEGORIES.map((category) => {
      const entries = spent.filter((spending) => spending.category === category);
      const amount = sum(entries, (spending) => spending.amount);
      return { category, entryCount: entries.length, amount: `${amount}`, amountYuan: yuan(amount) };
    }),
    employmentByYear: years.map((year) => expectedEmployment(inScope(model.reports), year, countyCode)),
  };
}

describe('funding statistics computed in SQL (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  const model: { awards: ModelAward[]; reports: ModelReport[] } = { awards: [], reports: [] };
  let entries = 0;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const statistics = (identity: Identity, variables: { fromYear?: number; toYear?: number; countyCode?: string } = {}) =>
    asGateway<{ fundingStatistics: Statistics }>(funding.url, identity, FUNDING_STATISTICS, variables);

  /** Factory: ledger entries as the ledger module appends them, in one statement; returns their ids in order. */
  async function appendEntries(rows: ReadonlyArray<{ award: string; kind: 'GRANT' | 'PAYMENT' | 'SPENDING' | 'CORRECTION'; amount: bigint; category?: Category; reverses?: string }>): Promise<string[]> {
    const first = entries;
    entries += rows.length;
    const inserted = await sql<{ id: string }>(
      `INSERT INTO funding.ledger_entry (award_id, kind, amount_fen, reverses_entry_id, idempotency_key, category, description, evidence, voucher_no, reason, occurred_on, recorded_by, recorded_role)
       SELECT award, kind, amount, reverses,
              CASE WHEN kind = 'PAYMENT' THEN 'statistics-pay-' || ($6::int + n) END, category,
              CASE WHEN kind = 'SPENDING' THEN '园区资金使用' END, CASE WHEN kind = 'SPENDING' THEN '票据 FP-2025' END,
              CASE WHEN kind = 'PAYMENT' THEN '长财社〔2025〕' || ($6::int + n) || '号' END, CASE WHEN kind = 'CORRECTION' THEN '重复登记' END,
              '2025-12-01', 'test', 'FINANCE'
         FROM unnest($1::uuid[], $2::varchar[], $3::bigint[], $4::bigint[], $5::varchar[]) WITH ORDINALITY AS row(award, kind, amount, reverses, category, n)
        ORDER BY n RETURNING id`,
      [rows.map((row) => row.award), rows.map((row) => row.kind), rows.map((row) => `${row.amount}`), rows.map((row) => row.reverses ?? null), rows.map((row) => row.category ?? null), first],
    );
    return inserted.map((row) => row.id);
  }

  /** Factory: parks funding knows (and one it does not), their awards with ledger entries, and their employment reports, in a few bulk statements. */
  async function seed(count: number): Promise<void> {
    const parks = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), county: i === count - 1 ? null : [LUZHOU, LICHENG, XIANGYUAN, SHANGDANG][i % 4] }));
    const known = parks.filter((park) => park.county);
    await sql(`INSERT INTO funding.park_ref (park_id, name, county_code, status, source_version) SELECT park, '统计测试园区', county, 'RECOGNISED', 1 FROM unnest($1::uuid[], $2::varchar[]) AS row(park, county)`, [
      known.map((park) => park.id),
      known.map((park) => park.county),
    ]);
    const { awards, reports } = generate(parks);
    const awardIds = (
      await sql<{ id: string }>(
        `INSERT INTO funding.funding_award (park_id, kind, year, amount_fen, status)
         SELECT park, kind, year, amount, status FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::bigint[], $5::varchar[]) WITH ORDINALITY AS row(park, kind, year, amount, status, n)
          ORDER BY n RETURNING id`,
        [awards.map((award) => award.park), awards.map((award) => award.kind), awards.map((award) => award.year), awards.map((award) => `${award.amount}`), awards.map((award) => award.status)],
      )
    ).map((row) => row.id);

    // Grants, payments and spending first; then the reviews and corrections that name them.
    const movements = awards.flatMap((award, index) => [
      ...(award.granted > 0n ? [{ award: awardIds[index], kind: 'GRANT' as const, amount: award.granted, reverse: award.grantReversed, returned: false }] : []),
      ...(award.paid > 0n ? [{ award: awardIds[index], kind: 'PAYMENT' as const, amount: award.paid, reverse: false, returned: false }] : []),
      ...award.spending.map((spending) => ({ award: awardIds[index], kind: 'SPENDING' as const, amount: spending.amount, category: spending.category, reverse: spending.reversed, returned: spending.returned })),
    ]);
    const movementIds = await appendEntries(movements);
    const returned = movementIds.filter((_, index) => movements[index].returned);
    await sql(`INSERT INTO funding.spending_review (entry_id, decision, reason, reviewed_by, reviewed_role) SELECT entry, 'RETURN', '凭证不全', 'county', 'COUNTY_BUREAU' FROM unnest($1::bigint[]) AS entry`, [returned]);
    const reversals = movements.flatMap((movement, index) => (movement.reverse ? [{ award: movement.award, kind: 'CORRECTION' as const, amount: movement.amount, reverses: movementIds[index] }] : []));
    await appendEntries(reversals);

    await sql(
      `INSERT INTO funding.employment_report (park_id, year, employment_promoted, evidence, status, return_reason, reported_by, verified_by, verified_at)
       SELECT park, year, promoted, '社保缴费清单', status, CASE WHEN status = 'RETURNED' THEN '人数与清单不符' END, 'operator',
              CASE WHEN status = 'VERIFIED' THEN 'county' END, CASE WHEN status = 'VERIFIED' THEN now() END
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::varchar[]) AS row(park, year, promoted, status)`,
      [reports.map((report) => report.park), reports.map((report) => report.year), reports.map((report) => report.employmentPromoted), reports.map((report) => report.status)],
    );
    model.awards.push(...awards);
    model.reports.push(...reports);
  }

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService);
    for (const [year, [urban, rural]] of Object.entries(TARGETS)) {
      await sql(`INSERT INTO funding.yearly_target (year, urban_new_employment, rural_labour_transfer, entered_by) VALUES ($1, $2, $3, 'city-1')`, [year, urban, rural]);
    }
    const parameters = { ...CITY_MEASURES.parameters, operatingSubsidy: { ...CITY_MEASURES.parameters.operatingSubsidy, thresholdPercentOfTargets: LICHENG_VERSION.percent } };
    await sql(
      `INSERT INTO funding.policy_version_ref (code, title, jurisdiction_kind, county_code, effective_from, parameters) VALUES ($1, '黎城县实施细则', 'COUNTY', $2, $3, $4)`,
      [LICHENG_VERSION.code, LICHENG, LICHENG_VERSION.effectiveFrom, JSON.stringify(parameters)],
    );
    await seed(26);
  });
  afterAll(async () => {
    await funding?.close();
  });

  it('gives the city bureau, finance and the data team money by year, county, kind and status, spending by category and employment against targets', async () => {
    const expected = expectedStatistics(model, 2022, 2026, null);
    // The generator's variety, spot-checked.
    expect(new Set(expected.byYearCountyKindStatus.map((group) => group.status))).toEqual(new Set(['PENDING', 'APPROVED', 'HELD', 'PAID', 'CANCELLED']));
    expect(expected.spendingByCategory.every((category) => category.entryCount > 0)).toBe(true);
    expect(model.awards.some((award) => award.grantReversed) && model.awards.some((award) => award.spending.some((spending) => spending.returned))).toBe(true);
    expect(expected.employmentByYear.map((year) => year.thresholdPersons)).toEqual([null, null, null, 1801, 1500]);
    expect(expected.employmentByYear[3].parksReachingThreshold).toBeGreaterThan(0);
    for (const identity of [city, finance, dataTeam]) {
      const response = await statistics(identity, { fromYear: 2022, toYear: 2026 });
      expect(response.errors).toBeUndefined();
      expect(response.data?.fundingStatistics).toEqual(expected);
    }
  });

  it('narrows to a county (with its own threshold) and to a range of years, and holds a county bureau to its own county', async () => {
    const licheng = expectedStatistics(model, 2024, 2025, LICHENG);
    expect(licheng.employmentByYear.map((year) => year.thresholdPersons)).toEqual([null, 2401]);
    expect((await statistics(dataTeam, { fromYear: 2024, toYear: 2025, countyCode: LICHENG })).data?.fundingStatistics).toEqual(licheng);
    expect((await statistics(finance, { fromYear: 2023, toYear: 2023, countyCode: XIANGYUAN })).data?.fundingStatistics).toEqual(expectedStatistics(model, 2023, 2023, XIANGYUAN));

    const own = await statistics(lichengOfficer, { fromYear: 2022, toYear: 2026 });
    expect(own.errors).toBeUndefined();
    expect(own.data?.fundingStatistics).toEqual(expectedStatistics(model, 2022, 2026, LICHENG));
    expect(errorCode(await statistics(lichengOfficer, { countyCode: LUZHOU }))).toBe('FORBIDDEN');
  });

  it('answers years without money with zeros, and leaves out awards outside the range', async () => {
    const response = await statistics(dataTeam, { fromYear: 2017, toYear: 2020 });
    const expected = expectedStatistics(model, 2017, 2020, null);
    expect(response.data?.fundingStatistics).toEqual(expected);
    expect(expected.byYear.map((year) => year.totals.awardCount)).toEqual([0, 0, 1, 0]);
  });

  it('refuses parks and reviewers, and names the field of bad years or a bad county code', async () => {
    expect(await statisticsRefusals(statistics, dataTeam, [{ countyCode: 'LUZHOU' }, { fromYear: 1900 }, { fromYear: 2026, toYear: 2022 }])).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      ['BAD_USER_INPUT', 'countyCode', true],
      ['BAD_USER_INPUT', 'fromYear', true],
      ['BAD_USER_INPUT', 'fromYear', true],
    ]);
  });

  it('runs the same number of SQL statements however many awards and entries there are', async () => {
    const statementsNow = () =>
      statementsDuring(async () => expect((await statistics(dataTeam, { fromYear: 2022, toYear: 2026 })).data?.fundingStatistics).toEqual(expectedStatistics(model, 2022, 2026, null)));
    const before = await statementsNow();
    await seed(12);
    expect(await statementsNow()).toBe(before);
    expect(before).toBe(6);
  });
});
