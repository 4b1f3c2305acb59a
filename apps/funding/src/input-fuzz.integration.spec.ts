import { randomUUID } from 'node:crypto';
import { type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { DEMO_PARKS } from '@cz/demo-data';
import { createParkRefs, exampleCall, type FuzzExample, fuzzMutation, mutationNames, startTestSubgraph, subgraphSchema, type TestSubgraph } from '@cz/testing';
import { SCHEMA } from './config';
import { FundingAwardEntity } from './entities/funding-award.entity';
import { evidenceClient } from './evidence/evidence.test-support';
import { recordGrant } from './ledger/ledger-writes';
import { fundingService } from './service';

const [luzhouPark] = DEMO_PARKS;
const city: Identity = { subject: 'city-fuzz', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-fuzz', role: 'FINANCE' };
const luzhouOperator: Identity = { subject: 'operator-fuzz', role: 'PARK_OPERATOR', parkId: luzhouPark.id };
const schema = subgraphSchema(fundingService);

// Every movement happens today, so no date is in the future and all fall in this year, whenever the test runs.
const today = shanghaiDate(new Date());
const thisYear = Number(today.slice(0, 4));
const FRESH_COUNTY = '140426';
const countyOf = (countyCode: string): Identity => ({ subject: `county-${countyCode}`, role: 'COUNTY_BUREAU', countyCode });
const operatorOf = (parkId: string): Identity => ({ subject: `operator-${parkId.slice(-8)}`, role: 'PARK_OPERATOR', parkId });

const SPENDING = { category: 'RENT_SUBSIDY', amount: '100000', spentOn: today, description: '入驻企业第四季度房租补贴', evidence: '租赁合同 ZL-2026-018；付款凭证 FK-77' };
// One reference per enterprise, policy, kind and day: each example names a policy of its own.
let subsidies = 0;
const subsidy = () => ({ enterpriseName: '长治市英才人力资源有限公司', enterpriseCreditCode: '91140400MA0K12345X', policyName: `太行人才计划（第 ${(subsidies += 1)} 批）`, kind: 'TALENT', amount: '5000000', appliedOn: today, note: '已提交申请材料' });

describe('funding: generated bad input at every mutation (fast-check, real PostgreSQL)', () => {
  let funding: TestSubgraph;
  let luzhouEvidence: string;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => funding.service.dataSource.query(text, params);
  const call = <T>(identity: Identity, document: string, variables: Record<string, unknown>) => exampleCall<T>(funding.url, identity, document, variables);
  const demoAward = async () => (await sql<{ id: string }>(`SELECT id FROM "${SCHEMA}".funding_award WHERE park_id = $1 AND kind = 'RECOGNITION_AWARD'`, [luzhouPark.id]))[0].id;

  /** Factory: a recognised park of its own (one report per park and year, one award per park) and its operator's evidence file. */
  async function freshPark(): Promise<{ parkId: string; operator: Identity; evidenceFileId: string }> {
    const [parkId] = await createParkRefs(funding.service.dataSource, SCHEMA, { count: 1, namePrefix: `模糊测试园区${randomUUID().slice(0, 4)}`, countyCode: FRESH_COUNTY });
    const operator = operatorOf(parkId);
    return { parkId, operator, evidenceFileId: await evidenceClient(funding.url).uploaded(operator, '就业登记台账.pdf') };
  }

  /** Factory: an employment report just filed by a fresh park. */
  async function filedReport(): Promise<{ id: string; operator: Identity; evidenceFileId: string }> {
    const { parkId, operator, evidenceFileId } = await freshPark();
    const filed = await call<{ reportEmployment: { id: string } }>(
      operator,
      `mutation($parkId: ID!, $year: Int!, $files: [ID!]!) { reportEmployment(parkId: $parkId, year: $year, employmentPromoted: 900, evidenceFileIds: $files, evidence: "就业登记台账") { id } }`,
      { parkId, year: thisYear, files: [evidenceFileId] },
    );
    return { id: filed.reportEmployment.id, operator, evidenceFileId };
  }

  /** Factory: a recognition award of a fresh park, granted and not yet paid. */
  async function grantedAward(): Promise<string> {
    const [parkId] = await createParkRefs(funding.service.dataSource, SCHEMA, { count: 1, namePrefix: `模糊测试奖励${randomUUID().slice(0, 4)}`, countyCode: FRESH_COUNTY });
    const awardId = randomUUID();
    await funding.service.dataSource.transaction(async (manager) => {
      await manager.getRepository(FundingAwardEntity).insert({ id: awardId, parkId, kind: 'RECOGNITION_AWARD', year: thisYear, amountFen: '80000000', status: 'APPROVED', version: 1 });
      await recordGrant(manager, { awardId, amountFen: 80000000n, occurredOn: today, description: '认定一次性奖励', actor: SYSTEM_IDENTITY });
    });
    return awardId;
  }

  /** Factory: a spending entry of the 潞州 park, recorded by its operator against its demo award. */
  async function spendingEntry(): Promise<string> {
    const spent = await call<{ recordSpending: { id: string } }>(luzhouOperator, `mutation($awardId: ID!, $input: SpendingInput!) { recordSpending(awardId: $awardId, input: $input) { id } }`, {
      awardId: await demoAward(),
      input: { ...SPENDING, evidenceFileIds: [luzhouEvidence] },
    });
    return spent.recordSpending.id;
  }

  /** A valid call of each mutation by the party entitled to it. */
  const examples: Record<string, () => Promise<FuzzExample>> = {
    setYearlyTargets: async () => {
      const [current] = await sql<{ version: number }>(`SELECT version FROM "${SCHEMA}".yearly_target WHERE year = $1`, [thisYear - 1]);
      return { variables: { year: thisYear - 1, expectedVersion: current?.version ?? null, urbanNewEmployment: 40000, ruralLabourTransfer: 20000 } };
    },
    reportEmployment: async () => {
      const { parkId, operator, evidenceFileId } = await freshPark();
      return { identity: operator, variables: { parkId, year: thisYear, employmentPromoted: 900, evidenceFileIds: [evidenceFileId], evidence: '就业登记台账 JY-2026-01' } };
    },
    correctEmploymentReport: async () => {
      // Only a report its county bureau returned may be corrected.
      const report = await filedReport();
      await call(countyOf(FRESH_COUNTY), `mutation($id: ID!) { verifyEmploymentReport(reportId: $id, expectedVersion: 1, decision: RETURN, reason: "请补充社保缴费清单") { id } }`, { id: report.id });
      return { identity: report.operator, variables: { reportId: report.id, expectedVersion: 2, employmentPromoted: 950, evidenceFileIds: [report.evidenceFileId], evidence: '补充社保缴费清单' } };
    },
    verifyEmploymentReport: async () => ({ identity: countyOf(FRESH_COUNTY), variables: { reportId: (await filedReport()).id, expectedVersion: 1, decision: 'RETURN', reason: '请补充社保缴费清单' } }),
    recordEnterpriseSubsidy: async () => ({ variables: { parkId: luzhouPark.id, input: subsidy() } }),
    updateEnterpriseSubsidyStatus: async () => {
      const recorded = await call<{ recordEnterpriseSubsidy: { id: string } }>(city, `mutation($parkId: ID!, $input: EnterpriseSubsidyInput!) { recordEnterpriseSubsidy(parkId: $parkId, input: $input) { id } }`, { parkId: luzhouPark.id, input: subsidy() });
      return { variables: { id: recorded.recordEnterpriseSubsidy.id, expectedVersion: 1, status: 'GRANTED', decidedOn: today, note: '已发放' } };
    },
    confirmPayment: async () => ({ identity: finance, variables: { awardId: await grantedAward(), amount: '1000000', paidOn: today, voucherNo: '长财社〔2026〕18号', idempotencyKey: randomUUID() } }),
    recordSpending: async () => ({ identity: luzhouOperator, variables: { awardId: await demoAward(), input: { ...SPENDING, evidenceFileIds: [luzhouEvidence] } } }),
    reviewSpending: async () => ({ identity: countyOf(luzhouPark.countyCode), variables: { entryId: await spendingEntry(), decision: 'RETURN', reason: '凭证不清晰，请重新上传' } }),
    correctLedgerEntry: async () => ({ variables: { entryId: await spendingEntry(), reason: '凭证号录入错误，冲销后重新登记' } }),
  };

  beforeAll(async () => {
    funding = await startTestSubgraph(fundingService, { seedDemo: true });
    luzhouEvidence = await evidenceClient(funding.url).uploaded(luzhouOperator, '租赁合同及付款凭证.pdf');
  }, 60_000);
  afterAll(async () => {
    await funding?.close();
  });

  it.each(mutationNames(schema))('%s: refuses garbage clearly, with no 500, no trace and nothing written', async (mutation) => {
    const result = await fuzzMutation(mutation, { url: funding.url, schema, dataSource: funding.service.dataSource, dbSchema: SCHEMA, identity: city, example: examples[mutation], numRuns: 50 });
    // A mutation added later is fuzzed too, with arguments generated from its types alone.
    expect(result.example).toBe(examples[mutation] ? 'OK' : undefined);
    expect(result.runs).toBe(50);
  }, 60_000);
});
