import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { CITY_MEASURES, type PolicyVersion } from '@cz/policy';
import { asGateway, createParkRefs, errorCode, parkProfileChangedEvent, startTestSubgraph, TestEventQueue, type TestSubgraph } from '@cz/testing';
import { approvalEvent } from '../recognition-award/recognition-award.test-support';
import { fundingService } from '../service';
import { enterTargets, gradedEvent, policyVersionEvent, reportedEmployment, verifyReport } from './operating-subsidy.test-support';

const LICHENG = '140426';
const LUZHOU = '140403';
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const lichengCounty: Identity = { subject: 'county-26', role: 'COUNTY_BUREAU', countyCode: LICHENG };
const luzhouCounty: Identity = { subject: 'county-03', role: 'COUNTY_BUREAU', countyCode: LUZHOU };

const WORKSHEET = `urbanNewEmploymentTarget ruralLabourTransferTarget targetsTotal thresholdPercent threshold employmentPromoted eligible
  personsAboveThreshold perPersonAbove base aboveThreshold uncapped cap capped amount amountYuan policyVersionCode policyDate steps { label formula value }`;
const SUBSIDIES = `query($r: [_Any!]!, $year: Int) { _entities(representations: $r) { ... on Park { id subsidies(year: $year) {
  id kind year amount amountYuan status policyVersionCode assessmentGrade granted paid availableToPay subsidyComputation { ${WORKSHEET} } } } } }`;
const PAY = `mutation($awardId: ID!, $amount: Money!, $paidOn: Date!, $key: String!) { confirmPayment(awardId: $awardId, amount: $amount, paidOn: $paidOn, voucherNo: "长财社〔2032〕7号", idempotencyKey: $key) { id } }`;

interface Worksheet {
  targetsTotal: number;
  threshold: number;
  employmentPromoted: number;
  eligible: boolean;
  personsAboveThreshold: number;
  base: string;
  aboveThreshold: string;
  uncapped: string;
  cap: string;
  capped: boolean;
  amount: string;
  amountYuan: string;
  policyVersionCode: string;
  policyDate: string;
  steps: Array<{ label: string; formula: string; value: string }>;
}
interface Subsidy {
  id: string;
  kind: string;
  year: number;
  amount: string;
  amountYuan: string;
  status: string;
  policyVersionCode: string;
  assessmentGrade: string | null;
  granted: string;
  paid: string;
  availableToPay: string;
  subsidyComputation: Worksheet;
}

const today = shanghaiDate(new Date());

describe('Art 10 operating subsidies following the assessment (real PostgreSQL and Redis)', () => {
  let funding: TestSubgraph;
  let events: TestEventQueue;
  // 2031: targets 6,000 + 4,000 = 10,000, threshold ⌈1,500⌉ = 1,500 persons.
  let [below, atThreshold, between, farAbove]: string[] = [];
  // 2032: targets 6,001 + 4,000 = 10,001, threshold ⌈1,500.15⌉ = 1,501 persons.
  let [roundedReached, roundedMissed]: string[] = [];

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const countOf = async (text: string, params: unknown[] = []) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${text}`, params))[0].n;
  const subsidiesOf = async (parkId: string, year?: number, identity: Identity = finance): Promise<Subsidy[]> => {
    const response = await asGateway<{ _entities: Array<{ subsidies: Subsidy[] }> }>(funding.url, identity, SUBSIDIES, { r: [{ __typename: 'Park', id: parkId }], year });
    expect(response.errors).toBeUndefined();
    return response.data!._entities[0].subsidies;
  };
  const subsidyOf = async (parkId: string, year: number): Promise<Subsidy> => {
    const subsidies = await subsidiesOf(parkId, year);
    expect(subsidies).toHaveLength(1);
    return subsidies[0];
  };
  const entriesOf = (awardId: string) => sql<{ kind: string; amount_fen: string; reverses_entry_id: string | null }>(`SELECT kind, amount_fen, reverses_entry_id FROM funding.ledger_entry WHERE award_id = $1 ORDER BY id`, [awardId]);
  const noticesOf = (awardId: string) =>
    sql<{ payload: { dedupeKey: string; audience: { role: string; parkId?: string }; title: string; body: string } }>(
      `SELECT payload FROM funding.outbox_event WHERE type = 'notification.requested' AND aggregate_id = $1 ORDER BY occurred_at, id`,
      [awardId],
    ).then((rows) => rows.map((row) => row.payload));
  const statusAudits = (awardId: string) => countOf(`funding.audit_log WHERE target_id = $1 AND operation = 'funding.operating-subsidy.status'`, [awardId]);
  const pay = (awardId: string, amount: string, key: string) => asGateway<{ confirmPayment: { id: string } }>(funding.url, finance, PAY, { awardId, amount, paidOn: today, key });
  const verifyNew = async (parkId: string, year: number, promoted: number, county = lichengCounty) => verifyReport(funding, county, await reportedEmployment(funding, parkId, year, promoted));

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService);
    events = TestEventQueue.open('funding', funding.queuePrefix);
    [below, atThreshold, between, farAbove, roundedReached, roundedMissed] = await createParkRefs(funding.service.dataSource, 'funding', { count: 6, namePrefix: '补助园区', countyCode: LICHENG });
  });
  afterAll(async () => {
    await events?.close();
    await funding?.close();
  });

  it('computes hand-checked figures through the service, whichever of targets and verification comes last', async () => {
    await verifyNew(below, 2031, 1499);
    await verifyNew(atThreshold, 2031, 1500);
    expect(await countOf(`funding.funding_award WHERE kind = 'OPERATING_SUBSIDY'`)).toBe(0);
    await enterTargets(funding, city, 2031, 6000, 4000);
    expect(await countOf(`funding.funding_award WHERE kind = 'OPERATING_SUBSIDY'`)).toBe(2);
    await verifyNew(between, 2031, 2000);
    await verifyNew(farAbove, 2031, 100000);

    const belowSubsidy = await subsidyOf(below, 2031);
    expect(belowSubsidy).toMatchObject({ kind: 'OPERATING_SUBSIDY', year: 2031, amount: '0', amountYuan: '0.00', status: 'PENDING', policyVersionCode: CITY_MEASURES.code, assessmentGrade: null, granted: '0' });
    expect(belowSubsidy.subsidyComputation).toMatchObject({ targetsTotal: 10000, threshold: 1500, employmentPromoted: 1499, eligible: false, base: '0', amount: '0', policyDate: '2031-12-31' });
    expect(belowSubsidy.subsidyComputation.steps.at(-1)).toEqual({ label: '核定运营补助金额', formula: '未达到门槛，不予补助', value: '0.00 元' });

    const at = await subsidyOf(atThreshold, 2031);
    expect(at).toMatchObject({ amount: '30000000', amountYuan: '300,000.00', status: 'PENDING' });
    expect(at.subsidyComputation).toMatchObject({ threshold: 1500, eligible: true, personsAboveThreshold: 0, base: '30000000', aboveThreshold: '0', capped: false, amountYuan: '300,000.00' });

    // 300,000 + 30 × (2,000 − 1,500) = 315,000 yuan.
    expect(await subsidyOf(between, 2031)).toMatchObject({ amount: '31500000', amountYuan: '315,000.00' });

    // 300,000 + 30 × 98,500 = 3,255,000 yuan, capped at 500,000.
    const capped = await subsidyOf(farAbove, 2031);
    expect(capped).toMatchObject({ amount: '50000000', amountYuan: '500,000.00' });
    expect(capped.subsidyComputation).toMatchObject({ personsAboveThreshold: 98500, uncapped: '325500000', cap: '50000000', capped: true, amount: '50000000' });

    // Nothing is granted before the assessment; the park is told of each subsidy.
    for (const parkId of [below, atThreshold, between, farAbove]) {
      const { id } = await subsidyOf(parkId, 2031);
      expect(await entriesOf(id)).toEqual([]);
      expect((await noticesOf(id)).map((notice) => notice.audience)).toEqual([{ role: 'PARK_OPERATOR', parkId }]);
      expect(await countOf(`funding.audit_log WHERE target_id = $1 AND operation = 'funding.operating-subsidy.create'`, [id])).toBe(1);
    }

    // The threshold rounds up: 15% × 10,001 = 1,500.15 → 1,501.
    await enterTargets(funding, city, 2032, 6001, 4000);
    await verifyNew(roundedReached, 2032, 1501);
    await verifyNew(roundedMissed, 2032, 1500);
    const reached = await subsidyOf(roundedReached, 2032);
    expect(reached).toMatchObject({ amount: '30000000', amountYuan: '300,000.00' });
    expect(reached.subsidyComputation.threshold).toBe(1501);
    expect(reached.subsidyComputation.steps[1]).toEqual({ label: '补助门槛人数（向上取整）', formula: '⌈15% × 10,001 人⌉ = ⌈1,500.15⌉', value: '1,501 人' });
    expect(await subsidyOf(roundedMissed, 2032)).toMatchObject({ amount: '0', subsidyComputation: { threshold: 1501, eligible: false } });
  });

  it('approves and grants on a qualified result, holds during a rectification and cancels after a failed re-assessment; replays change nothing', async () => {
    const approved = await subsidyOf(between, 2031);
    expect(await events.deliver(gradedEvent({ parkId: between, year: 2031, grade: 'EXCELLENT', totalScore: '91.00' }))).toBe(true);
    expect(await subsidyOf(between, 2031)).toMatchObject({ status: 'APPROVED', assessmentGrade: 'EXCELLENT', granted: '31500000', availableToPay: '31500000' });
    expect(await entriesOf(approved.id)).toEqual([{ kind: 'GRANT', amount_fen: '31500000', reverses_entry_id: null }]);
    expect((await noticesOf(approved.id)).map((notice) => notice.audience.role).sort()).toEqual(['FINANCE', 'PARK_OPERATOR', 'PARK_OPERATOR']);

    const held = await subsidyOf(atThreshold, 2031);
    const rectification = gradedEvent({ parkId: atThreshold, year: 2031, grade: 'UNQUALIFIED', totalScore: '55.00', outcome: 'RECTIFICATION_ORDERED', rectificationDeadline: '2032-06-30', gradedOn: '2032-03-20' });
    const applied = await Promise.all(['first', 'second', 'third'].map((delivery) => events.deliver(rectification, `${rectification.id}-${delivery}`)));
    expect(applied.sort()).toEqual([false, false, true]);
    // The same grading again under another event id is no newer: nothing moves.
    expect(await events.deliver({ ...rectification, id: randomUUID() })).toBe(true);
    expect(await subsidyOf(atThreshold, 2031)).toMatchObject({ status: 'HELD', assessmentGrade: 'UNQUALIFIED', granted: '0' });
    expect(await statusAudits(held.id)).toBe(1);
    expect(await noticesOf(held.id)).toHaveLength(2);

    const reassessment = gradedEvent({ parkId: atThreshold, year: 2031, phase: 'REASSESSMENT', grade: 'UNQUALIFIED', totalScore: '58.00', gradedOn: '2032-07-10' });
    expect(await events.deliver(reassessment)).toBe(true);
    expect(await subsidyOf(atThreshold, 2031)).toMatchObject({ status: 'CANCELLED', granted: '0' });
    expect(await entriesOf(held.id)).toEqual([]);

    // An initial grading delivered late never overrides the re-assessment.
    expect(await events.deliver(gradedEvent({ parkId: atThreshold, year: 2031, grade: 'QUALIFIED', gradedOn: '2032-08-01' }))).toBe(true);
    expect(await subsidyOf(atThreshold, 2031)).toMatchObject({ status: 'CANCELLED', assessmentGrade: 'UNQUALIFIED' });
    expect(await sql(`SELECT phase, grade, outcome FROM funding.assessment_result WHERE park_id = $1 AND year = 2031`, [atThreshold])).toEqual([{ phase: 'REASSESSMENT', grade: 'UNQUALIFIED', outcome: 'FINAL' }]);
    expect(await statusAudits(held.id)).toBe(2);

    // A subsidy of 0 (below the threshold) follows the assessment but is never granted, and finance is not asked to pay.
    const zero = await subsidyOf(below, 2031);
    expect(await events.deliver(gradedEvent({ parkId: below, year: 2031 }))).toBe(true);
    expect(await subsidyOf(below, 2031)).toMatchObject({ status: 'APPROVED', granted: '0', availableToPay: '0' });
    expect(await entriesOf(zero.id)).toEqual([]);
    expect((await noticesOf(zero.id)).map((notice) => notice.audience.role)).toEqual(['PARK_OPERATOR', 'PARK_OPERATOR']);
    expect(errorCode(await pay(zero.id, '1', 'pay-zero-subsidy-1'))).toBe('BAD_USER_INPUT');
  });

  it('applies a result that arrived before the subsidy when creating it, and creates none for a revoked park', async () => {
    const [early] = await createParkRefs(funding.service.dataSource, 'funding', { count: 1, namePrefix: '先考核园区', countyCode: LICHENG });
    const [revoked] = await createParkRefs(funding.service.dataSource, 'funding', { count: 1, namePrefix: '已撤销园区', countyCode: LICHENG, status: 'REVOKED' });
    expect(await events.deliver(gradedEvent({ parkId: early, year: 2033 }))).toBe(true);
    expect(await subsidiesOf(early)).toEqual([]);

    await enterTargets(funding, city, 2033, 6000, 4000);
    await verifyNew(early, 2033, 1500);
    const subsidy = await subsidyOf(early, 2033);
    expect(subsidy).toMatchObject({ status: 'APPROVED', assessmentGrade: 'QUALIFIED', granted: '30000000' });
    expect(await entriesOf(subsidy.id)).toEqual([{ kind: 'GRANT', amount_fen: '30000000', reverses_entry_id: null }]);

    await verifyNew(revoked, 2033, 5000);
    expect(await countOf(`funding.funding_award WHERE park_id = $1`, [revoked])).toBe(0);
  });

  it('never overpays an approved subsidy under fifty concurrent payments', async () => {
    const [early] = (await sql<{ park_id: string }>(`SELECT park_id FROM funding.funding_award WHERE year = 2033 AND kind = 'OPERATING_SUBSIDY'`)).map((row) => row.park_id);
    const subsidy = await subsidyOf(early, 2033);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, n) => pay(subsidy.id, '1000000', `concurrent-subsidy-payment-${n}`)));
    const succeeded = responses.filter((response) => !response.errors).length;
    expect(succeeded).toBe(30);
    expect(responses.filter((response) => errorCode(response) === 'BAD_USER_INPUT')).toHaveLength(20);
    expect(await subsidyOf(early, 2033)).toMatchObject({ status: 'PAID', granted: '30000000', paid: '30000000', availableToPay: '0' });
    expect(await countOf(`funding.ledger_entry WHERE award_id = $1 AND kind = 'PAYMENT'`, [subsidy.id])).toBe(30);
  });

  it('cancels a revoked park’s unpaid subsidies (reversing their grant) and withholds a change to money already paid', async () => {
    // farAbove: 2031 approved and unpaid, 2032 approved and partly paid.
    await events.deliver(gradedEvent({ parkId: farAbove, year: 2031 }));
    await verifyNew(farAbove, 2032, 2000);
    await events.deliver(gradedEvent({ parkId: farAbove, year: 2032 }));
    const [unpaid, partlyPaid] = [await subsidyOf(farAbove, 2031), await subsidyOf(farAbove, 2032)];
    expect([unpaid.status, partlyPaid.status]).toEqual(['APPROVED', 'APPROVED']);
    expect((await pay(partlyPaid.id, '1000000', 'partly-paid-subsidy-1')).errors).toBeUndefined();

    const revocation = parkProfileChangedEvent({ parkId: farAbove, name: '补助园区4', officialName: '长治补助园区4', countyCode: LICHENG, status: 'REVOKED', version: 2 });
    expect(await events.deliver(revocation)).toBe(true);

    expect(await subsidyOf(farAbove, 2031)).toMatchObject({ status: 'CANCELLED', granted: '0', availableToPay: '0' });
    const ledger = await entriesOf(unpaid.id);
    expect(ledger).toEqual([
      { kind: 'GRANT', amount_fen: '50000000', reverses_entry_id: null },
      { kind: 'CORRECTION', amount_fen: '50000000', reverses_entry_id: expect.any(String) },
    ]);
    expect((await noticesOf(unpaid.id)).at(-1)).toMatchObject({ audience: { role: 'PARK_OPERATOR', parkId: farAbove }, title: '年度运营补助已取消' });

    // 2032: threshold 1,501, so 300,000 + 30 × 499 = 314,970 yuan.
    expect(await subsidyOf(farAbove, 2032)).toMatchObject({ status: 'APPROVED', granted: '31497000', paid: '1000000' });
    expect(await countOf(`funding.audit_log WHERE target_id = $1 AND operation = 'funding.operating-subsidy.change-withheld'`, [partlyPaid.id])).toBe(1);
    const withheld = (await noticesOf(partlyPaid.id)).filter((notice) => notice.title === '年度运营补助状态需人工核处');
    expect(withheld.map((notice) => notice.audience.role).sort()).toEqual(['CITY_BUREAU', 'FINANCE']);
    expect(withheld[0].body).toContain('已拨付 10,000.00 元');

    // Replayed revocation, later gradings and payments change nothing on a cancelled subsidy.
    const before = { entries: await countOf('funding.ledger_entry'), audit: await countOf('funding.audit_log'), outbox: await countOf('funding.outbox_event') };
    expect(await events.deliver({ ...revocation, id: randomUUID() })).toBe(true);
    expect(await events.deliver(gradedEvent({ parkId: farAbove, year: 2031, phase: 'REASSESSMENT', gradedOn: '2032-07-01' }))).toBe(true);
    expect(await subsidyOf(farAbove, 2031)).toMatchObject({ status: 'CANCELLED', granted: '0' });
    expect({ entries: await countOf('funding.ledger_entry'), audit: await countOf('funding.audit_log'), outbox: await countOf('funding.outbox_event') }).toEqual(before);
    expect(errorCode(await pay(unpaid.id, '1000000', 'pay-cancelled-subsidy-1'))).toBe('CONFLICT');
  });

  it('computes from the policy version in force on the last day of the year: a county’s own version for its parks', async () => {
    const county: PolicyVersion = {
      code: 'LC-2034',
      title: '黎城县人力资源服务产业园管理办法',
      jurisdiction: { kind: 'COUNTY', countyCode: LICHENG },
      effectiveFrom: '2034-01-01',
      effectiveTo: null,
      parameters: { ...CITY_MEASURES.parameters, operatingSubsidy: { thresholdPercentOfTargets: 10, baseFen: '20000000', perPersonAboveFen: '2000', capFen: '40000000' } },
    };
    // The end arrives before the creation: the copy keeps the end.
    const ended = policyVersionEvent({ ...county, effectiveTo: '2034-12-31' });
    const created = policyVersionEvent(county);
    expect(await events.deliver(ended)).toBe(true);
    expect(await events.deliver(created)).toBe(true);
    expect(await events.deliver(created, `${created.id}-again`)).toBe(false);
    expect(await sql(`SELECT code, county_code, to_char(effective_to, 'YYYY-MM-DD') AS effective_to FROM funding.policy_version_ref WHERE code = 'LC-2034'`)).toEqual([
      { code: 'LC-2034', county_code: LICHENG, effective_to: '2034-12-31' },
    ]);

    const [lichengPark] = await createParkRefs(funding.service.dataSource, 'funding', { count: 1, namePrefix: '黎城县版本园区', countyCode: LICHENG });
    const [luzhouPark] = await createParkRefs(funding.service.dataSource, 'funding', { count: 1, namePrefix: '潞州市版本园区', countyCode: LUZHOU });
    await enterTargets(funding, city, 2034, 6000, 4000);
    await enterTargets(funding, city, 2035, 6000, 4000);
    await verifyNew(lichengPark, 2034, 1500);
    await verifyNew(luzhouPark, 2034, 1500, luzhouCounty);
    await verifyNew(lichengPark, 2035, 1500);

    // County: threshold ⌈10% × 10,000⌉ = 1,000; 200,000 + 20 × 500 = 210,000 yuan.
    expect(await subsidyOf(lichengPark, 2034)).toMatchObject({ amount: '21000000', policyVersionCode: 'LC-2034', subsidyComputation: { threshold: 1000, policyVersionCode: 'LC-2034', policyDate: '2034-12-31' } });
    expect(await subsidyOf(luzhouPark, 2034)).toMatchObject({ amount: '30000000', policyVersionCode: CITY_MEASURES.code });
    // LC-2034 has ended by 2035-12-31: the city's measures govern.
    expect(await subsidyOf(lichengPark, 2035)).toMatchObject({ amount: '30000000', policyVersionCode: CITY_MEASURES.code, subsidyComputation: { threshold: 1500 } });
  });

  it('shows a park its own subsidies, a county its parks’, and refuses the data team per-park rows', async () => {
    const operator: Identity = { subject: 'operator-b', role: 'PARK_OPERATOR', parkId: between };
    expect((await subsidiesOf(between, undefined, operator)).map((subsidy) => subsidy.year)).toEqual([2031]);
    expect(await subsidiesOf(farAbove, 2032, lichengCounty)).toHaveLength(1);
    const response = await asGateway(funding.url, operator, SUBSIDIES, { r: [{ __typename: 'Park', id: farAbove }] });
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, luzhouCounty, SUBSIDIES, { r: [{ __typename: 'Park', id: farAbove }] }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(funding.url, { subject: 'data-1', role: 'DATA_TEAM' }, SUBSIDIES, { r: [{ __typename: 'Park', id: farAbove }] }))).toBe('FORBIDDEN');
  });

  it('resolves the worksheet and grade through _entities under the award guard, and none for a recognition award', async () => {
    const AWARDS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on FundingAward { id kind assessmentGrade subsidyComputation { amount threshold } } } }`;
    const subsidy = await subsidyOf(between, 2031);
    await events.deliver(approvalEvent({ parkId: between }));
    const [{ id: recognition }] = await sql<{ id: string }>(`SELECT id FROM funding.funding_award WHERE park_id = $1 AND kind = 'RECOGNITION_AWARD'`, [between]);
    const representations = [subsidy.id, recognition].map((id) => ({ __typename: 'FundingAward', id }));
    const response = await asGateway<{ _entities: unknown[] }>(funding.url, lichengCounty, AWARDS, { r: representations });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([
      { id: subsidy.id, kind: 'OPERATING_SUBSIDY', assessmentGrade: 'EXCELLENT', subsidyComputation: { amount: '31500000', threshold: 1500 } },
      { id: recognition, kind: 'RECOGNITION_AWARD', assessmentGrade: null, subsidyComputation: null },
    ]);
    expect(errorCode(await asGateway(funding.url, luzhouCounty, AWARDS, { r: representations.slice(0, 1) }))).toBe('FORBIDDEN');
  });
});
