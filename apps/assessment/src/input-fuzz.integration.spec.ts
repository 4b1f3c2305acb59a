import { type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '@cz/policy';
import { createParkRefs, exampleCall, type FuzzExample, fuzzMutation, mutationNames, startTestSubgraph, subgraphSchema, type TestSubgraph } from '@cz/testing';
import { SCHEMA } from './config';
import { assessmentService } from './service';
import { insertAssessments, insertCycle } from './workflow/workflow.test-support';

const COUNTY = '140426';
const CYCLE_YEAR = 2030;
const city: Identity = { subject: 'city-fuzz', role: 'CITY_BUREAU' };
const county: Identity = { subject: 'county-fuzz', role: 'COUNTY_BUREAU', countyCode: COUNTY };
const lead: Identity = { subject: 'reviewer-lead-fuzz', role: 'REVIEWER' };
const operatorOf = (parkId: string): Identity => ({ subject: `operator-${parkId.slice(-8)}`, role: 'PARK_OPERATOR', parkId });
const schema = subgraphSchema(assessmentService);
// The service lives on 12 January 2026: the 2025 cycle is due, and every deadline it computes falls in a year the calendar covers.
const TODAY = '2026-01-12';
const clockOffsetMs = Date.parse(`${TODAY}T10:00:00+08:00`) - Date.now();

const CODES = DEFAULT_ASSESSMENT_TEMPLATE.indicators.map((indicator) => indicator.code);
const entry = (code: string) => ({ indicatorCode: code, figures: [{ name: '营业收入', value: '3200', unit: '万元' }], narrative: `${code} 年度情况说明`, evidenceFileIds: [] });
// Half of every indicator's maximum: 50 points, unqualified, so finalising orders a rectification.
const halfOf = (code: string) => String(Number(DEFAULT_ASSESSMENT_TEMPLATE.indicators.find((indicator) => indicator.code === code)!.maxScore) / 2);
const RECTIFICATION = { rectificationDeadline: '2031-06-30', rectificationRequirements: '完善服务体系建设，补齐安全管理制度' };
let templates = 0;
const template = () => ({
  code: `T-FUZZ-${(templates += 1)}`,
  title: '模糊测试考核指标',
  indicators: [
    { code: 'A', dimension: 'ECONOMIC_DEVELOPMENT', name: '营业收入', description: '', maxScore: '20', weight: '40' },
    { code: 'B', dimension: 'ROLE_PLAYED', name: '促进就业', description: '', maxScore: '10', weight: '30' },
    { code: 'C', dimension: 'OPERATIONS_MANAGEMENT', name: '安全管理', description: '', maxScore: '5', weight: '30' },
  ],
  cutoffs: { excellent: '85', qualified: '60' },
});

// Finalising needs the whole chain (self-assessment, check, panel, ten scores) for every case: fewer cases keep the spec short.
const RUNS: Record<string, number> = { finaliseAssessment: 15 };

describe('assessment: generated bad input at every mutation (fast-check, real PostgreSQL)', () => {
  let assessment: TestSubgraph;
  let cycleId: string;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => assessment.service.dataSource.query(text, params);
  const call = <T>(identity: Identity, document: string, variables: Record<string, unknown>) => exampleCall<T>(assessment.url, identity, document, variables);
  const versionOf = async (id: string) => (await sql<{ version: number }>(`SELECT version FROM "${SCHEMA}".assessment WHERE id = $1`, [id]))[0].version;

  /** Factory: a fresh park and its OPEN assessment in the test cycle. */
  async function openAssessment(): Promise<{ id: string; parkId: string }> {
    const [parkId] = await createParkRefs(assessment.service.dataSource, SCHEMA, { count: 1, namePrefix: `模糊测试园区${templates}-${Date.now() % 100000}`, countyCode: COUNTY });
    const [id] = await insertAssessments(assessment.service.dataSource, cycleId, CYCLE_YEAR, [parkId]);
    return { id, parkId };
  }
  const selfAssessed = async () => {
    const { id, parkId } = await openAssessment();
    await call(operatorOf(parkId), `mutation($id: ID!, $entries: [SelfAssessmentEntryInput!]!) { saveSelfAssessment(assessmentId: $id, entries: $entries) { id } }`, { id, entries: CODES.map(entry) });
    await call(operatorOf(parkId), `mutation($id: ID!, $v: Int!) { submitSelfAssessment(assessmentId: $id, expectedVersion: $v) { id } }`, { id, v: await versionOf(id) });
    return { id, parkId };
  };
  const checked = async () => {
    const { id, parkId } = await selfAssessed();
    await call(county, `mutation($id: ID!, $v: Int!) { checkSelfAssessment(assessmentId: $id, expectedVersion: $v, decision: ACCEPT) { id } }`, { id, v: await versionOf(id) });
    return { id, parkId };
  };
  const withPanel = async () => {
    const { id, parkId } = await checked();
    await call(city, `mutation($id: ID!) { assignAssessmentReviewers(assessmentId: $id, reviewers: [{ subject: "${lead.subject}", name: "张组长", lead: true }]) { id } }`, { id });
    return { id, parkId };
  };
  const scored = async () => {
    const { id, parkId } = await withPanel();
    for (const code of CODES) {
      await call(lead, `mutation($id: ID!, $input: IndicatorScoreInput!) { scoreIndicator(assessmentId: $id, input: $input) { indicatorCode } }`, { id, input: { indicatorCode: code, score: halfOf(code), justification: `${code} 依据自评材料评分` } });
    }
    return { id, parkId };
  };
  /** Factory: an assessment graded unqualified with an open rectification order, as finalising leaves it. */
  async function rectifying(): Promise<{ id: string; parkId: string }> {
    const { id, parkId } = await openAssessment();
    await sql(`UPDATE "${SCHEMA}".assessment SET status = 'RECTIFYING', total_score = 50, grade = 'UNQUALIFIED', initial_total_score = 50, initial_grade = 'UNQUALIFIED', finalised_at = now() WHERE id = $1`, [id]);
    await sql(`INSERT INTO "${SCHEMA}".rectification (assessment_id, ordered_on, deadline, requirements) VALUES ($1, $2, '2031-06-30', '完善服务体系建设')`, [id, TODAY]);
    return { id, parkId };
  }

  /** A valid call of each mutation by the party entitled to it, on an assessment in the right state. */
  const examples: Record<string, () => Promise<FuzzExample>> = {
    openDueAssessmentCycle: async () => ({ identity: SYSTEM_IDENTITY, variables: {} }),
    openAssessmentCycle: async () => ({ variables: { year: 2025 } }),
    runAssessmentDeadline: async () => ({ identity: SYSTEM_IDENTITY, variables: { kind: 'SUBMISSION_REMINDER_10', targetId: cycleId } }),
    runAssessmentDeadlineFor: async () => ({ identity: SYSTEM_IDENTITY, variables: { kind: 'SUBMISSION_REMINDER_10', targetId: cycleId, recipientId: (await openAssessment()).parkId } }),
    createAssessmentTemplate: async () => ({ variables: { input: template() } }),
    updateAssessmentTemplate: async () => {
      const created = await call<{ createAssessmentTemplate: { id: string } }>(city, `mutation($input: AssessmentTemplateInput!) { createAssessmentTemplate(input: $input) { id } }`, { input: template() });
      return { variables: { id: created.createAssessmentTemplate.id, expectedVersion: 1, input: { ...template(), title: '修订后的指标' } } };
    },
    saveSelfAssessment: async () => {
      const { id, parkId } = await openAssessment();
      return { identity: operatorOf(parkId), variables: { assessmentId: id, entries: [entry('E1'), entry('O1')] } };
    },
    submitSelfAssessment: async () => {
      const { id, parkId } = await openAssessment();
      await call(operatorOf(parkId), `mutation($id: ID!, $entries: [SelfAssessmentEntryInput!]!) { saveSelfAssessment(assessmentId: $id, entries: $entries) { id } }`, { id, entries: CODES.map(entry) });
      return { identity: operatorOf(parkId), variables: { assessmentId: id, expectedVersion: await versionOf(id) } };
    },
    checkSelfAssessment: async () => {
      const { id } = await selfAssessed();
      return { identity: county, variables: { assessmentId: id, expectedVersion: await versionOf(id), decision: 'RETURN', reason: '佐证材料不完整，请补充' } };
    },
    assignAssessmentReviewers: async () => ({ variables: { assessmentId: (await checked()).id, reviewers: [{ subject: lead.subject, name: '张组长', lead: true }] } }),
    scoreIndicator: async () => ({ identity: lead, variables: { assessmentId: (await withPanel()).id, input: { indicatorCode: 'E1', score: '9', justification: '营业收入增长明显' } } }),
    finaliseAssessment: async () => {
      const { id } = await scored();
      return { variables: { assessmentId: id, expectedVersion: await versionOf(id), ...RECTIFICATION } };
    },
    submitRectificationReport: async () => {
      const { id, parkId } = await rectifying();
      return { identity: operatorOf(parkId), variables: { assessmentId: id, expectedVersion: await versionOf(id), report: '已按要求完成整改：制度已印发，服务窗口已增设。' } };
    },
  };

  beforeAll(async () => {
    assessment = await startTestSubgraph(assessmentService, { seedDemo: true, clockOffsetMs });
    cycleId = await insertCycle(assessment.service.dataSource, CYCLE_YEAR, '2031-03-31');
  }, 60_000);
  afterAll(async () => {
    await assessment?.close();
  });

  it.each(mutationNames(schema))('%s: refuses garbage clearly, with no 500, no trace and nothing written', async (mutation) => {
    const runs = RUNS[mutation] ?? 30;
    const result = await fuzzMutation(mutation, { url: assessment.url, schema, dataSource: assessment.service.dataSource, dbSchema: SCHEMA, identity: city, example: examples[mutation], numRuns: runs });
    // A mutation added later is fuzzed too, with arguments generated from its types alone.
    expect(result.example).toBe(examples[mutation] ? 'OK' : undefined);
    expect(result.runs).toBe(runs);
  }, 60_000);
});
