import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { asGateway, createParkRefs, errorCode, startTestSubgraph, TestEventQueue, type TestSubgraph } from '@cz/testing';
import { enterTargets, gradedEvent, reportedEmployment, verifyReport } from '../operating-subsidy/operating-subsidy.test-support';
import { approvalEvent } from '../recognition-award/recognition-award.test-support';
import { fundingService } from '../service';

const LICHENG = '140426';
const LUZHOU = '140403';
const YEAR = 2030;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const lichengCounty: Identity = { subject: 'county-26', role: 'COUNTY_BUREAU', countyCode: LICHENG };
const luzhouCounty: Identity = { subject: 'county-03', role: 'COUNTY_BUREAU', countyCode: LUZHOU };

const TOTALS = 'awardCount amount amountYuan granted paid spent balance availableToPay';
const FUNDING_YEAR = `query($year: Int!, $countyCode: ID) { fundingYear(year: $year, countyCode: $countyCode) {
  year countyCode totals { ${TOTALS} } byKindAndStatus { kind status count amount amountYuan }
  byCounty { countyCode totals { ${TOTALS} } } spendingByCategory { category entryCount amount amountYuan } } }`;
const PAY = `mutation($awardId: ID!, $amount: Money!, $paidOn: Date!, $key: String!) { confirmPayment(awardId: $awardId, amount: $amount, paidOn: $paidOn, voucherNo: "长财社〔2030〕1号", idempotencyKey: $key) { id } }`;

type Kind = 'RECOGNITION_AWARD' | 'OPERATING_SUBSIDY';
type Category = 'RENT_SUBSIDY' | 'RENOVATION' | 'PROPERTY_MANAGEMENT' | 'PUBLIC_VENUES' | 'PARK_OPERATION';
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
interface Summary {
  year: number;
  countyCode: string | null;
  totals: Totals;
  byKindAndStatus: Array<{ kind: Kind; status: string; count: number; amount: string }>;
  byCounty: Array<{ countyCode: string; totals: Totals }>;
  spendingByCategory: Array<{ category: Category; entryCount: number; amount: string }>;
}

/** What the test did, award by award, from which it works out every total itself. */
interface ModelAward {
  county: string;
  kind: Kind;
  status: string;
  amount: bigint;
  granted: bigint;
  paid: bigint;
  /** Spending that counts (neither returned nor reversed), by category. */
  spending: Array<[Category, bigint]>;
}

const yuan = (fen: bigint) => `${(fen / 100n).toLocaleString('en-US')}.${(fen % 100n).toString().padStart(2, '0')}`;

function expectedTotals(awards: readonly ModelAward[]): Totals {
  const sum = (pick: (award: ModelAward) => bigint) => awards.reduce((total, award) => total + pick(award), 0n);
  const [amount, granted, paid] = [sum((a) => a.amount), sum((a) => a.granted), sum((a) => a.paid)];
  const spent = sum((a) => a.spending.reduce((total, [, fen]) => total + fen, 0n));
  return { awardCount: awards.length, amount: `${amount}`, amountYuan: yuan(amount), granted: `${granted}`, paid: `${paid}`, spent: `${spent}`, balance: `${paid - spent}`, availableToPay: `${granted - paid}` };
}

function expectedSummary(model: readonly ModelAward[], countyCode: string | null): Summary {
  const awards = model.filter((award) => countyCode === null || award.county === countyCode);
  const groups = new Map<string, { kind: Kind; status: string; count: number; amount: bigint }>();
  for (const award of awards) {
    const group = groups.get(`${award.kind}/${award.status}`) ?? { kind: award.kind, status: award.status, count: 0, amount: 0n };
    groups.set(`${award.kind}/${award.status}`, { ...group, count: group.count + 1, amount: group.amount + award.amount });
  }
  const counties = [...new Set(awards.map((award) => award.county))].sort();
  const categories: Category[] = ['RENT_SUBSIDY', 'RENOVATION', 'PROPERTY_MANAGEMENT', 'PUBLIC_VENUES', 'PARK_OPERATION'];
  const spent = awards.flatMap((award) => award.spending);
  return {
    year: YEAR,
    countyCode,
    totals: expectedTotals(awards),
    byKindAndStatus: [...groups.values()]
      .sort((a, b) => `${a.kind}/${a.status}`.localeCompare(`${b.kind}/${b.status}`))
      .map((group) => ({ ...group, amount: `${group.amount}`, amountYuan: yuan(group.amount) })),
    byCounty: counties.map((county) => ({ countyCode: county, totals: expectedTotals(awards.filter((award) => award.county === county)) })),
    spendingByCategory: categories.map((category) => {
      const entries = spent.filter(([entryCategory]) => entryCategory === category);
      const amount = entries.reduce((total, [, fen]) => total + fen, 0n);
      return { category, entryCount: entries.length, amount: `${amount}`, amountYuan: yuan(amount) };
    }),
  };
}

describe('funding views of a year: totals computed in SQL (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  let events: TestEventQueue;
  const model: ModelAward[] = [];

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const awardOf = async (parkId: string, kind: Kind) => (await sql<{ id: string }>(`SELECT id FROM funding.funding_award WHERE park_id = $1 AND kind = $2 AND year = $3`, [parkId, kind, YEAR]))[0].id;
  const pay = async (awardId: string, amount: bigint, key: string) => {
    const response = await asGateway(funding.url, finance, PAY, { awardId, amount: `${amount}`, paidOn: shanghaiDate(new Date()), key });
    expect(response.errors).toBeUndefined();
  };
  /** Factory: a spending entry as the park records it (the recording itself is the ledger's concern). */
  const spending = async (awardId: string, category: Category, amount: bigint): Promise<string> =>
    (
      await sql<{ id: string }>(
        `INSERT INTO funding.ledger_entry (award_id, kind, amount_fen, category, description, evidence, occurred_on, recorded_by, recorded_role)
         VALUES ($1, 'SPENDING', $2, $3, '园区资金使用', '票据 FP-2030', $4, 'operator-test', 'PARK_OPERATOR') RETURNING id`,
        [awardId, `${amount}`, category, `${YEAR}-12-01`],
      )
    )[0].id;
  const summary = async (identity: Identity, countyCode?: string) => asGateway<{ fundingYear: Summary }>(funding.url, identity, FUNDING_YEAR, { year: YEAR, countyCode });

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService);
    events = TestEventQueue.open('funding', funding.queuePrefix);
    const [lichengA, lichengB] = await createParkRefs(funding.service.dataSource, 'funding', { count: 2, namePrefix: '黎城汇总园区', countyCode: LICHENG });
    const [luzhouA] = await createParkRefs(funding.service.dataSource, 'funding', { count: 1, namePrefix: '潞州汇总园区', countyCode: LUZHOU });

    // Recognition awards of 2030, and one of 2029 that the 2030 view must leave out.
    await events.deliver(approvalEvent({ parkId: lichengA, approvedOn: `${YEAR}-05-01` }));
    await events.deliver(approvalEvent({ parkId: luzhouA, approvedOn: `${YEAR}-06-01` }));
    await events.deliver(approvalEvent({ parkId: lichengB, approvedOn: `${YEAR - 1}-06-01` }));

    // Subsidies of 2030 (threshold 1,500): 315,000 yuan approved, 0 pending, 500,000 held.
    await enterTargets(funding, city, YEAR, 6000, 4000);
    await verifyReport(funding, lichengCounty, await reportedEmployment(funding, lichengA, YEAR, 2000));
    await verifyReport(funding, lichengCounty, await reportedEmployment(funding, lichengB, YEAR, 1000));
    await verifyReport(funding, luzhouCounty, await reportedEmployment(funding, luzhouA, YEAR, 100000));
    await events.deliver(gradedEvent({ parkId: lichengA, year: YEAR }));
    await events.deliver(gradedEvent({ parkId: luzhouA, year: YEAR, grade: 'UNQUALIFIED', outcome: 'RECTIFICATION_ORDERED', rectificationDeadline: `${YEAR + 1}-06-30` }));

    const [recognitionA, recognitionZ, subsidyA] = [await awardOf(lichengA, 'RECOGNITION_AWARD'), await awardOf(luzhouA, 'RECOGNITION_AWARD'), await awardOf(lichengA, 'OPERATING_SUBSIDY')];
    await pay(recognitionA, 80_000_000n, 'year-view-pay-1');
    await pay(subsidyA, 10_000_000n, 'year-view-pay-2');
    await pay(recognitionZ, 20_000_000n, 'year-view-pay-3');
    await spending(recognitionA, 'RENT_SUBSIDY', 5_000_000n);
    await spending(recognitionA, 'RENOVATION', 3_000_000n);
    await spending(recognitionZ, 'PARK_OPERATION', 1_000_000n);
    // Neither a returned nor a reversed spending counts.
    const returned = await spending(recognitionA, 'RENT_SUBSIDY', 700_000n);
    await sql(`INSERT INTO funding.spending_review (entry_id, decision, reason, reviewed_by, reviewed_role) VALUES ($1, 'RETURN', '凭证不全', 'county-26', 'COUNTY_BUREAU')`, [returned]);
    const reversed = await spending(recognitionZ, 'PROPERTY_MANAGEMENT', 400_000n);
    await sql(
      `INSERT INTO funding.ledger_entry (award_id, kind, amount_fen, reverses_entry_id, reason, occurred_on, recorded_by, recorded_role) VALUES ($1, 'CORRECTION', 400000, $2, '重复登记', $3, 'city-1', 'CITY_BUREAU')`,
      [recognitionZ, reversed, `${YEAR}-12-02`],
    );

    model.push(
      { county: LICHENG, kind: 'RECOGNITION_AWARD', status: 'PAID', amount: 80_000_000n, granted: 80_000_000n, paid: 80_000_000n, spending: [['RENT_SUBSIDY', 5_000_000n], ['RENOVATION', 3_000_000n]] },
      { county: LICHENG, kind: 'OPERATING_SUBSIDY', status: 'APPROVED', amount: 31_500_000n, granted: 31_500_000n, paid: 10_000_000n, spending: [] },
      { county: LICHENG, kind: 'OPERATING_SUBSIDY', status: 'PENDING', amount: 0n, granted: 0n, paid: 0n, spending: [] },
      { county: LUZHOU, kind: 'RECOGNITION_AWARD', status: 'APPROVED', amount: 80_000_000n, granted: 80_000_000n, paid: 20_000_000n, spending: [['PARK_OPERATION', 1_000_000n]] },
      { county: LUZHOU, kind: 'OPERATING_SUBSIDY', status: 'HELD', amount: 50_000_000n, granted: 0n, paid: 0n, spending: [] },
    );
  });
  afterAll(async () => {
    await events?.close();
    await funding?.close();
  });

  it('gives the city bureau, finance and the data team the whole city’s totals, matching figures worked out independently', async () => {
    const expected = expectedSummary(model, null);
    // Spot-check the model against figures worked out by hand.
    expect(expected.totals).toMatchObject({ awardCount: 5, amount: '241500000', granted: '191500000', paid: '110000000', spent: '9000000', balance: '101000000', availableToPay: '81500000' });
    for (const identity of [city, finance, dataTeam]) {
      const response = await summary(identity);
      expect(response.errors).toBeUndefined();
      expect(response.data?.fundingYear).toEqual(expected);
    }
  });

  it('narrows to one county on request, and holds a county bureau to its own', async () => {
    const luzhouView = await summary(finance, LUZHOU);
    expect(luzhouView.data?.fundingYear).toEqual(expectedSummary(model, LUZHOU));

    const own = await summary(lichengCounty);
    expect(own.errors).toBeUndefined();
    expect(own.data?.fundingYear).toEqual(expectedSummary(model, LICHENG));
    expect((await summary(lichengCounty, LICHENG)).data?.fundingYear).toEqual(expectedSummary(model, LICHENG));
    expect(errorCode(await summary(lichengCounty, LUZHOU))).toBe('FORBIDDEN');
  });

  it('refuses parks and reviewers, and names the field of a bad year or county code', async () => {
    expect(errorCode(await summary({ subject: 'operator-1', role: 'PARK_OPERATOR', parkId: '0b6f1d2e-5a4c-4c1e-9a51-000000000001' }))).toBe('FORBIDDEN');
    expect(errorCode(await summary({ subject: 'reviewer-1', role: 'REVIEWER' }))).toBe('FORBIDDEN');
    const badCounty = await summary(finance, '1404');
    expect([errorCode(badCounty), badCounty.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'countyCode']);
    const badYear = await asGateway(funding.url, finance, FUNDING_YEAR, { year: 1999 });
    expect([errorCode(badYear), badYear.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'year']);
    const empty = await asGateway<{ fundingYear: Summary }>(funding.url, dataTeam, FUNDING_YEAR, { year: 2040 });
    expect(empty.data?.fundingYear).toMatchObject({ totals: { awardCount: 0, amount: '0', granted: '0', balance: '0' }, byKindAndStatus: [], byCounty: [] });
  });
});
