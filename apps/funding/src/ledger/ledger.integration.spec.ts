import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { statementTotals } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import { asGateway, createParkRefs, errorCode, startTestSubgraph, TestEventQueue, type TestSubgraph } from '@cz/testing';
import { evidenceClient } from '../evidence/evidence.test-support';
import { approvalEvent } from '../recognition-award/recognition-award.test-support';
import { fundingService } from '../service';

const [luzhouPark, , xiangyuanPark, qinyuanPark] = DEMO_PARKS;
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const xiangyuanCounty: Identity = { subject: 'county-3', role: 'COUNTY_BUREAU', countyCode: xiangyuanPark.countyCode };
const luzhouCounty: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: luzhouPark.countyCode };
const xiangyuanOperator: Identity = { subject: 'operator-3', role: 'PARK_OPERATOR', parkId: xiangyuanPark.id };
const qinyuanOperator: Identity = { subject: 'operator-4', role: 'PARK_OPERATOR', parkId: qinyuanPark.id };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };

const ENTRY = 'id kind amount occurredOn reversesEntryId reversedByEntryId reviewStatus review { decision reason } award { id status } park { id }';
const PAY = `mutation($awardId: ID!, $amount: Money!, $paidOn: Date!, $voucherNo: String!, $key: String!) { confirmPayment(awardId: $awardId, amount: $amount, paidOn: $paidOn, voucherNo: $voucherNo, idempotencyKey: $key) { ${ENTRY} } }`;
const SPEND = `mutation($awardId: ID!, $input: SpendingInput!) { recordSpending(awardId: $awardId, input: $input) { ${ENTRY} } }`;
const REVIEW = `mutation($id: ID!, $decision: SpendingReviewDecision!, $reason: String) { reviewSpending(entryId: $id, decision: $decision, reason: $reason) { ${ENTRY} } }`;
const CORRECT = `mutation($id: ID!, $reason: String!) { correctLedgerEntry(entryId: $id, reason: $reason) { ${ENTRY} } }`;
const TOTALS = `query($id: ID!) { fundingAward(id: $id) { status granted paid spent balance availableToPay } }`;
const STATEMENT = `query($id: ID!) { fundingAward(id: $id) { balance granted paid spent statement { granted paid spent balance summary lines { kind description grantedChange paidChange spentChange balanceChange runningBalance entry { id } } } } }`;
const LIST = `query($filter: LedgerEntryFilter, $first: Int) { ledgerEntries(first: $first, filter: $filter) { totalCount edges { node { id kind park { id } } } } }`;
const FUND_BALANCES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { id fundBalance } } }`;

interface Entry {
  id: string;
  kind: string;
  amount: string;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  reviewStatus: string | null;
  review: { decision: string; reason: string | null } | null;
  award: { id: string; status: string };
}
interface Totals {
  status: string;
  granted: string;
  paid: string;
  spent: string;
  balance: string;
  availableToPay: string;
}
interface Line {
  kind: string;
  description: string;
  grantedChange: string;
  paidChange: string;
  spentChange: string;
  balanceChange: string;
  runningBalance: string;
  entry: { id: string };
}

// Every movement happens today, so no date is in the future and all fall in this year, whenever the test runs.
const today = shanghaiDate(new Date());
const thisYear = Number(today.slice(0, 4));

const sum = (values: string[]) => values.reduce((total, value) => total + BigInt(value), 0n).toString();

describe('the append-only ledger: payments, spending, reviews, corrections (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  let events: TestEventQueue;
  let awardA: string; // xiangyuan's recognition award, 80,000,000 fen
  let awardB: string; // qinyuan's recognition award, 80,000,000 fen
  const paymentKeysOfA: string[] = [];
  const evidenceOf = new Map<string, string>(); // an evidence file each park uploaded, by park id

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const count = async (table: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM funding.${table}`))[0].n;
  const written = async () => ({ entries: await count('ledger_entry'), reviews: await count('spending_review'), audit: await count('audit_log'), outbox: await count('outbox_event') });
  const totals = async (awardId: string) => (await asGateway<{ fundingAward: Totals }>(funding.url, finance, TOTALS, { id: awardId })).data!.fundingAward;
  const pay = (awardId: string, amount: string, key: string, identity = finance) => asGateway<{ confirmPayment: Entry }>(funding.url, identity, PAY, { awardId, amount, paidOn: today, voucherNo: `财拨〔2026〕${key}`, key });
  const spend = (awardId: string, amount: string, identity: Identity, category = 'RENT_SUBSIDY') =>
    asGateway<{ recordSpending: Entry }>(funding.url, identity, SPEND, {
      awardId,
      input: { category, amount, spentOn: today, description: '入驻企业 2026 年第四季度房租补贴', evidence: '租赁合同 ZL-2026-018；付款凭证 FK-77', evidenceFileIds: [evidenceOf.get(identity.parkId ?? '') ?? ''] },
    });
  const review = (id: string, decision: string, identity: Identity, reason?: string) => asGateway<{ reviewSpending: Entry }>(funding.url, identity, REVIEW, { id, decision, reason });
  const correct = (id: string, identity: Identity, reason = '凭证号录入错误，冲销后重新登记') => asGateway<{ correctLedgerEntry: Entry }>(funding.url, identity, CORRECT, { id, reason });
  const fieldOf = (response: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.field;
  const awardOf = async (parkId: string) => (await sql<{ id: string }>(`SELECT id FROM funding.funding_award WHERE park_id = $1 AND kind = 'RECOGNITION_AWARD'`, [parkId]))[0].id;

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
    events = TestEventQueue.open('funding', funding.queuePrefix);
    await events.deliver(approvalEvent({ parkId: xiangyuanPark.id, approvedOn: today }));
    await events.deliver(approvalEvent({ parkId: qinyuanPark.id, approvedOn: today }));
    [awardA, awardB] = [await awardOf(xiangyuanPark.id), await awardOf(qinyuanPark.id)];
    for (const operator of [xiangyuanOperator, qinyuanOperator]) evidenceOf.set(operator.parkId!, await evidenceClient(funding.url).uploaded(operator, '租赁合同及付款凭证.pdf'));
  });
  afterAll(async () => {
    await events?.close();
    await funding?.close();
  });

  it('lets fifty concurrent payments of 2,000,000 fen pay exactly 80,000,000 and no more', async () => {
    const keys = Array.from({ length: 50 }, (_, index) => `pay-a-${String(index).padStart(3, '0')}`);
    const responses = await Promise.all(keys.map((key) => pay(awardA, '2000000', key)));
    const succeeded = responses.filter((response) => !response.errors);
    const refused = responses.filter((response) => response.errors);
    expect(succeeded).toHaveLength(40);
    expect(refused).toHaveLength(10);
    expect(refused.map((response) => [errorCode(response), fieldOf(response)])).toEqual(Array(10).fill(['BAD_USER_INPUT', 'amount']));
    expect(refused[0].errors?.[0].message).toBe('本次拨付 20,000.00 元超过尚未拨付的 0.00 元（已核定 800,000.00 元，已拨付 800,000.00 元）');
    expect(await totals(awardA)).toEqual({ status: 'PAID', granted: '80000000', paid: '80000000', spent: '0', balance: '80000000', availableToPay: '0' });
    expect(await sql(`SELECT count(*)::int AS n, sum(amount_fen)::text AS total FROM funding.ledger_entry WHERE award_id = $1 AND kind = 'PAYMENT'`, [awardA])).toEqual([{ n: 40, total: '80000000' }]);
    // One notice to the park per payment.
    const notices = await sql<{ key: string }>(`SELECT payload->>'dedupeKey' AS key FROM funding.outbox_event WHERE type = 'notification.requested' AND payload->'audience'->>'parkId' = $1`, [xiangyuanPark.id]);
    expect(new Set(notices.map((notice) => notice.key))).toEqual(new Set(succeeded.map((response) => `ledger-entry:${response.data!.confirmPayment.id}:payment-confirmed`)));
    paymentKeysOfA.push(...keys.filter((_, index) => !responses[index].errors));
  });

  it('answers a replayed payment with the same entry and changes nothing, also when replayed concurrently', async () => {
    const key = paymentKeysOfA[0];
    const [original] = await sql<{ id: string }>(`SELECT id::text FROM funding.ledger_entry WHERE idempotency_key = $1`, [key]);
    const before = await written();
    const replays = await Promise.all([pay(awardA, '2000000', key), pay(awardA, '2000000', key), pay(awardA, '2000000', key)]);
    expect(replays.map((replay) => replay.data?.confirmPayment.id)).toEqual([original.id, original.id, original.id]);
    expect(await written()).toEqual(before);
    expect(await totals(awardA)).toMatchObject({ status: 'PAID', paid: '80000000' });
    const otherFigures = await pay(awardA, '1000000', key);
    expect(errorCode(otherFigures)).toBe('CONFLICT');
    expect(await written()).toEqual(before);
  });

  it('refuses payments by anyone but finance, of nothing, or on an award that is not approved', async () => {
    expect(errorCode(await pay(awardB, '100', 'pay-b-by-city', city))).toBe('FORBIDDEN');
    expect(errorCode(await pay(awardB, '100', 'pay-b-by-park', qinyuanOperator))).toBe('FORBIDDEN');
    const zero = await pay(awardB, '0', 'pay-b-zero');
    expect([errorCode(zero), fieldOf(zero)]).toEqual(['BAD_USER_INPUT', 'amount']);
    const [pending] = await sql<{ id: string }>(`INSERT INTO funding.funding_award (park_id, kind, year, amount_fen, status) VALUES ($1, 'OPERATING_SUBSIDY', 2026, 30000000, 'PENDING') RETURNING id`, [qinyuanPark.id]);
    expect(errorCode(await pay(pending.id, '100', 'pay-pending'))).toBe('CONFLICT');
  });

  it('refuses spending beyond the balance with nothing written; RETURN by the county gives the money back', async () => {
    const before = await written();
    const tooMuch = await spend(awardA, '80000001', xiangyuanOperator);
    expect([errorCode(tooMuch), fieldOf(tooMuch)]).toEqual(['BAD_USER_INPUT', 'input.amount']);
    expect(tooMuch.errors?.[0].message).toBe('支出金额 800,000.01 元超过该笔资金的结余 800,000.00 元（已拨付 800,000.00 元，已支出 0.00 元）');
    expect(await written()).toEqual(before);
    expect((await totals(awardA)).balance).toBe('80000000');

    expect(errorCode(await spend(awardA, '100', qinyuanOperator))).toBe('FORBIDDEN');
    const rent = (await spend(awardA, '30000000', xiangyuanOperator)).data!.recordSpending;
    expect(rent).toMatchObject({ kind: 'SPENDING', amount: '30000000', reviewStatus: 'PENDING', review: null });
    const renovation = (await spend(awardA, '20000000', xiangyuanOperator, 'RENOVATION')).data!.recordSpending;
    expect(await totals(awardA)).toMatchObject({ spent: '50000000', balance: '30000000' });
    const [notice] = await sql<{ audience: unknown }>(`SELECT payload->'audience' AS audience FROM funding.outbox_event WHERE payload->>'dedupeKey' = $1`, [`ledger-entry:${rent.id}:spending-recorded`]);
    expect(notice.audience).toEqual({ role: 'COUNTY_BUREAU', countyCode: xiangyuanPark.countyCode });

    expect(errorCode(await review(renovation.id, 'RETURN', luzhouCounty, '凭证不全'))).toBe('FORBIDDEN');
    expect(errorCode(await review(renovation.id, 'ACCEPT', xiangyuanOperator))).toBe('FORBIDDEN');
    const noReason = await review(renovation.id, 'RETURN', xiangyuanCounty);
    expect([errorCode(noReason), fieldOf(noReason)]).toEqual(['BAD_USER_INPUT', 'reason']);
    const returned = (await review(renovation.id, 'RETURN', xiangyuanCounty, '装修合同未盖章，请补正后重新登记')).data!.reviewSpending;
    expect(returned).toMatchObject({ reviewStatus: 'RETURNED', review: { decision: 'RETURN', reason: '装修合同未盖章，请补正后重新登记' } });
    expect(await totals(awardA)).toMatchObject({ spent: '30000000', balance: '50000000' });
    expect((await review(rent.id, 'ACCEPT', city)).data!.reviewSpending.reviewStatus).toBe('ACCEPTED');
    expect(errorCode(await review(rent.id, 'RETURN', xiangyuanCounty, '改变主意'))).toBe('CONFLICT');
    expect(await totals(awardA)).toMatchObject({ spent: '30000000', balance: '50000000' });
  });

  it('shows a statement whose running balance ends at the balance and whose totals add up', async () => {
    const { fundingAward } = (await asGateway<{ fundingAward: Totals & { statement: Totals & { summary: string; lines: Line[] } } }>(funding.url, xiangyuanOperator, STATEMENT, { id: awardA })).data!;
    const { lines } = fundingAward.statement;
    expect(lines.map((line) => line.kind)).toEqual(['GRANT', ...Array(40).fill('PAYMENT'), 'SPENDING', 'SPENDING', 'SPENDING_RETURNED']);
    // Figures computed here, line by line, from the signed changes.
    let running = 0n;
    for (const line of lines) {
      expect(BigInt(line.balanceChange)).toBe(BigInt(line.paidChange) - BigInt(line.spentChange));
      running += BigInt(line.balanceChange);
      expect(line.runningBalance).toBe(running.toString());
    }
    expect(running).toBe(50_000_000n);
    expect(fundingAward.statement).toMatchObject({ granted: '80000000', paid: '80000000', spent: '30000000', balance: '50000000' });
    expect([sum(lines.map((line) => line.grantedChange)), sum(lines.map((line) => line.paidChange)), sum(lines.map((line) => line.spentChange))]).toEqual(['80000000', '80000000', '30000000']);
    expect(fundingAward.balance).toBe(lines.at(-1)!.runningBalance);
    expect(lines.at(-1)!.description).toBe(`第 ${lines.at(-2)!.entry.id} 号支出被退回，不计入已支出：装修合同未盖章，请补正后重新登记`);
    expect(fundingAward.statement.summary).toBe('已核定 800,000.00 元，已拨付 800,000.00 元，已支出 300,000.00 元，结余 500,000.00 元，待拨付 0.00 元。');
  });

  it('reverses a payment with a correction and the balances follow; nothing reversed twice or into the red', async () => {
    const first = (await pay(awardB, '30000000', 'pay-b-first')).data!.confirmPayment;
    const second = (await pay(awardB, '20000000', 'pay-b-second')).data!.confirmPayment;
    const spending = (await spend(awardB, '10000000', qinyuanOperator, 'PARK_OPERATION')).data!.recordSpending;
    expect(await totals(awardB)).toEqual({ status: 'APPROVED', granted: '80000000', paid: '50000000', spent: '10000000', balance: '40000000', availableToPay: '30000000' });

    expect(errorCode(await correct(second.id, qinyuanOperator))).toBe('FORBIDDEN');
    const correction = (await correct(second.id, finance)).data!.correctLedgerEntry;
    expect(correction).toMatchObject({ kind: 'CORRECTION', amount: '20000000', reversesEntryId: second.id });
    expect(await totals(awardB)).toEqual({ status: 'APPROVED', granted: '80000000', paid: '30000000', spent: '10000000', balance: '20000000', availableToPay: '50000000' });
    expect(errorCode(await correct(second.id, finance))).toBe('CONFLICT');
    const ofCorrection = await correct(correction.id, city);
    expect([errorCode(ofCorrection), fieldOf(ofCorrection)]).toEqual(['BAD_USER_INPUT', 'entryId']);
    // 30,000,000 paid − 30,000,000 would leave 10,000,000 spent out of nothing.
    const intoTheRed = await correct(first.id, city);
    expect(errorCode(intoTheRed)).toBe('CONFLICT');
    expect(intoTheRed.errors?.[0].message).toBe('冲销后已拨付 0.00 元将少于已支出 100,000.00 元，请先更正或退回相关支出');
    await correct(spending.id, city);
    expect(await totals(awardB)).toMatchObject({ paid: '30000000', spent: '0', balance: '30000000' });
    const [reversed] = await sql<{ id: string }>(`SELECT id::text FROM funding.ledger_entry WHERE reverses_entry_id = $1`, [second.id]);
    expect(reversed.id).toBe(correction.id);
  });

  it('puts a fully paid award back to APPROVED when a payment is reversed, and PAID again after the next instalment', async () => {
    const [payment] = await sql<{ id: string }>(`SELECT id::text FROM funding.ledger_entry WHERE idempotency_key = $1`, [paymentKeysOfA[1]]);
    expect((await correct(payment.id, finance)).data!.correctLedgerEntry.award.status).toBe('APPROVED');
    expect(await totals(awardA)).toMatchObject({ status: 'APPROVED', paid: '78000000', availableToPay: '2000000', balance: '48000000' });
    const instalment = await pay(awardA, '2000000', 'pay-a-again');
    expect(instalment.data?.confirmPayment.award.status).toBe('PAID');
    expect(await totals(awardA)).toMatchObject({ status: 'PAID', paid: '80000000', availableToPay: '0' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the ledger and its reviews, by SQL', async () => {
    await expect(sql(`UPDATE funding.ledger_entry SET amount_fen = 1 WHERE award_id = $1`, [awardA])).rejects.toThrow(/ledger_entry is append-only/);
    await expect(sql(`DELETE FROM funding.ledger_entry WHERE award_id = $1`, [awardA])).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE funding.ledger_entry CASCADE`)).rejects.toThrow(/append-only/);
    await expect(sql(`UPDATE funding.spending_review SET decision = 'ACCEPT'`)).rejects.toThrow(/spending_review is append-only/);
    await expect(sql(`DELETE FROM funding.spending_review`)).rejects.toThrow(/append-only/);
    await expect(sql(`INSERT INTO funding.ledger_entry (award_id, kind, amount_fen, occurred_on, recorded_by, recorded_role) VALUES ($1, 'GRANT', -5, CURRENT_DATE, 'x', 'SYSTEM')`, [awardA])).rejects.toThrow(/ledger_entry_amount_positive/);
    expect((await totals(awardA)).paid).toBe('80000000');
  });

  it('lists entries newest first within the caller’s jurisdiction, pending spending for the county', async () => {
    const list = async (identity: Identity, filter: Record<string, unknown> = {}) => (await asGateway<{ ledgerEntries: { totalCount: number; edges: Array<{ node: { id: string; kind: string; park: { id: string } } }> } }>(funding.url, identity, LIST, { filter, first: 100 })).data!.ledgerEntries;
    expect((await list(finance, { awardId: awardB })).edges.map((edge) => edge.node.kind)).toEqual(['CORRECTION', 'CORRECTION', 'SPENDING', 'PAYMENT', 'PAYMENT', 'GRANT']);
    const county = await list(xiangyuanCounty, { year: thisYear });
    // GRANT, 40 payments, 2 spendings, the correction of a payment and the instalment after it.
    expect(county.totalCount).toBe(45);
    expect(new Set(county.edges.map((edge) => edge.node.park.id))).toEqual(new Set([xiangyuanPark.id]));
    expect((await list(xiangyuanCounty, { countyCode: qinyuanPark.countyCode })).totalCount).toBe(0);
    expect((await list(qinyuanOperator, { kind: 'PAYMENT' })).totalCount).toBe(2);
    await spend(awardA, '100', xiangyuanOperator);
    expect((await list(xiangyuanCounty, { reviewStatus: 'PENDING' })).edges.map((edge) => edge.node.kind)).toEqual(['SPENDING']);
    expect((await list(finance, { year: thisYear - 1 })).totalCount).toBe(0);
    expect(errorCode(await asGateway(funding.url, dataTeam, LIST))).toBe('FORBIDDEN');
  });

  it('resolves Park.fundBalance for 3 and for 12 parks with the same number of SQL statements', async () => {
    const parkIds = await createParkRefs(funding.service.dataSource, 'funding', { count: 12, namePrefix: '余额园区' });
    const ids = parkIds;
    // Park n: granted 1,000,000 × n, paid 100,000 × n, spent 1,000 × n → balance 99,000 × n.
    await sql(
      `WITH awards AS (
         INSERT INTO funding.funding_award (park_id, kind, year, amount_fen, status)
         SELECT id, 'RECOGNITION_AWARD', 2026, 1000000 * n, 'APPROVED' FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n) RETURNING id, amount_fen / 1000000 AS n)
       INSERT INTO funding.ledger_entry (award_id, kind, amount_fen, occurred_on, recorded_by, recorded_role, idempotency_key, voucher_no, category, description, evidence)
       SELECT awards.id, e.kind, e.unit * awards.n, CURRENT_DATE, 'seed', 'SYSTEM', CASE WHEN e.kind = 'PAYMENT' THEN 'seed-' || awards.id END, CASE WHEN e.kind = 'PAYMENT' THEN 'V' END,
              CASE WHEN e.kind = 'SPENDING' THEN 'PARK_OPERATION' END, CASE WHEN e.kind = 'SPENDING' THEN '运营' END, CASE WHEN e.kind = 'SPENDING' THEN '凭证' END
       FROM awards CROSS JOIN (VALUES ('GRANT', 1000000), ('PAYMENT', 100000), ('SPENDING', 1000)) AS e(kind, unit)`,
      [ids],
    );
    const balancesOf = async (parkIds: string[]) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<{ _entities: Array<{ id: string; fundBalance: string }> }>(funding.url, finance, FUND_BALANCES, { r: parkIds.map((id) => ({ __typename: 'Park', id })) });
      expect(response.errors).toBeUndefined();
      return { balances: response.data!._entities.map((park) => park.fundBalance), statements: statementTotals.inRequests - before };
    };
    const three = await balancesOf(ids.slice(0, 3));
    const twelve = await balancesOf(ids);
    expect(three.balances).toEqual(['99000', '198000', '297000']);
    expect(twelve.balances).toEqual(ids.map((_, index) => String(99000 * (index + 1))));
    expect(twelve.statements).toBe(three.statements);
    expect(three.statements).toBeLessThanOrEqual(2);

    const demo = await asGateway<{ _entities: Array<{ fundBalance: string }> }>(funding.url, xiangyuanCounty, FUND_BALANCES, { r: [{ __typename: 'Park', id: xiangyuanPark.id }] });
    expect(demo.data?._entities).toEqual([{ id: xiangyuanPark.id, fundBalance: '49999900' }]);
    expect(errorCode(await asGateway(funding.url, luzhouCounty, FUND_BALANCES, { r: [{ __typename: 'Park', id: xiangyuanPark.id }] }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, dataTeam, FUND_BALANCES, { r: [{ __typename: 'Park', id: xiangyuanPark.id }] }))).toBe('FORBIDDEN');
  });
});
