import { ANONYMOUS, type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { CITY_MEASURES } from '@cz/policy';
import { exampleCall, type FuzzExample, fuzzMutation, mutationNames, startTestSubgraph, subgraphSchema, type TestSubgraph } from '@cz/testing';
import { SCHEMA } from './config';
import { declaredFacts, fileClient, knownPark, operatorOf, REQUIRED_UPLOADS } from './declaration/declaration.test-support';
import { applicationsService } from './service';

const city: Identity = { subject: 'city-fuzz', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-fuzz', role: 'COUNTY_BUREAU', countyCode: '140403' };
const reviewer: Identity = { subject: 'reviewer-fuzz', role: 'REVIEWER' };
const schema = subgraphSchema(applicationsService);

const FACTS = declaredFacts(10);
const DECISION = { decision: 'RETURN', reasons: [{ item: 'LETTER', reason: '申请函缺少盖章' }], comment: '请补正后重新提交' };
const OBJECTION = { filerName: '张三', contact: '13912345678', reason: '该园区申报的入驻机构中有三家并未实际运营，请核查。' };

describe('applications: generated bad input at every mutation (fast-check, real PostgreSQL)', () => {
  let subgraph: TestSubgraph;
  const query = (sql: string, parameters: unknown[] = []) => subgraph.service.dataSource.query(sql, parameters);
  const call = <T>(identity: Identity, document: string, variables: Record<string, unknown>) => exampleCall<T>(subgraph.url, identity, document, variables);
  // Anyone may object, at most 5 times an hour from one address: each case comes from its own.
  const member = (): Identity => ({ ...ANONYMOUS, sourceAddress: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

  /** Factory: an application of a fresh park in 潞州区 in `stage`, frozen facts and a concluded evaluation where the stage has them. */
  async function application(stage: string, { concluded = false } = {}): Promise<{ id: string; parkId: string }> {
    const parkId = await knownPark(subgraph.service.dataSource, '140403');
    const submitted = stage === 'DRAFT' ? null : '2026-06-01T09:00:00+08:00';
    const [{ id }] = await query(`INSERT INTO "${SCHEMA}".application (park_id, kind, stage, year, submitted_at) VALUES ($1, 'RECOGNITION', $2, 2026, $3) RETURNING id`, [parkId, stage, submitted]);
    if (submitted) {
      await query(`INSERT INTO "${SCHEMA}".application_submission (application_id, round, facts, policy_version_code, eligibility, submitted_at, submitted_by) VALUES ($1, 1, $2, 'CITY-2024', '[]', $3, 'operator')`, [id, JSON.stringify(FACTS), submitted]);
    }
    if (concluded) await query(`INSERT INTO "${SCHEMA}".evaluation_conclusion (application_id, concluded_by, concluded_at, average_score) VALUES ($1, 'city-1', '2026-09-20', 88.5)`, [id]);
    return { id, parkId };
  }

  const versionOf = async (id: string) => (await query(`SELECT version FROM "${SCHEMA}".application WHERE id = $1`, [id]))[0].version as number;
  const PANEL = [{ subject: reviewer.subject, name: '张专家', department: '山西大学' }];
  const INSPECTION = { inspectedOn: '2026-11-20', inspectors: '张三、李四', findings: '场地与申报一致，入驻机构正常运营。', conclusion: '符合认定条件' };
  const FINDING = { finding: '发展规划报告内容完整。', evidence: '规划报告第 3 章', satisfied: true };

  /** A draft with its facts declared and every required material uploaded: ready to submit. */
  async function readyDraft(): Promise<{ id: string; operator: Identity }> {
    const { id, parkId } = await application('DRAFT');
    const operator = operatorOf(parkId);
    await call(operator, `mutation($id: ID!, $facts: DeclaredFactsInput!) { declareFacts(applicationId: $id, expectedVersion: 1, facts: $facts) { id } }`, { id, facts: FACTS });
    for (const [item, bytes, type, name] of REQUIRED_UPLOADS) await fileClient(subgraph.url).upload(operator, id, item, bytes, type, name);
    return { id, operator };
  }

  /** An application in joint evaluation with its panel, one evaluation, the inspection and every qualitative finding: ready to conclude. */
  async function evaluated(): Promise<string> {
    const { id } = await application('JOINT_EVALUATION');
    await call(city, `mutation($id: ID!, $m: [PanelMemberInput!]!) { assignPanel(applicationId: $id, members: $m) { id } }`, { id, m: PANEL });
    await call(reviewer, `mutation($id: ID!) { submitEvaluation(applicationId: $id, opinion: "规划合理，建议认定。", score: "86.5") { subject } }`, { id });
    await call(city, `mutation($id: ID!, $i: SiteInspectionInput!) { recordSiteInspection(applicationId: $id, input: $i) { id } }`, { id, i: INSPECTION });
    for (const criterion of ['PLANNING_REPORT', 'OPERATING_TEAM', 'SOCIAL_BENEFITS']) {
      await call(city, `mutation($id: ID!, $c: QualitativeCriterion!, $i: QualitativeFindingInput!) { recordQualitativeFinding(applicationId: $id, criterion: $c, input: $i) { criterion } }`, { id, c: criterion, i: FINDING });
    }
    return id;
  }

  /** One publicity period, open for the whole run, for objections and the deadline job. */
  let publicity: Promise<{ id: string; applicationId: string }> | undefined;
  const openPublicity = () =>
    (publicity ??= (async () => {
      const { id: applicationId } = await application('JOINT_EVALUATION', { concluded: true });
      const opened = await call<{ openPublicity: { id: string } }>(city, `mutation($input: OpenPublicityInput!) { openPublicity(input: $input) { id } }`, { input: { title: '模糊测试公示', applicationIds: [applicationId], workingDays: 5 } });
      return { id: opened.openPublicity.id, applicationId };
    })());
  const fileObjection = async () => {
    const { id: publicityId, applicationId } = await openPublicity();
    const filed = await call<{ fileObjection: { id: string } }>(member(), `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`, { input: { publicityId, applicationId, ...OBJECTION } });
    return filed.fileObjection.id;
  };
  // Versions of one county may not overlap: each example gets a year of a county of its own.
  const COUNTIES = ['140423', '140431', '140403', '140404'];
  let policyVersions = 0;
  const policyVersion = () => {
    policyVersions += 1;
    const year = 2031 + Math.floor(policyVersions / COUNTIES.length);
    return {
      code: `FUZZ-${policyVersions}`,
      title: '县级人力资源服务产业园认定管理办法',
      jurisdictionKind: 'COUNTY',
      countyCode: COUNTIES[policyVersions % COUNTIES.length],
      effectiveFrom: `${year}-01-01`,
      effectiveTo: `${year}-12-31`,
      parameters: { ...CITY_MEASURES.parameters, singleSiteMinAreaM2: '1500', minInstitutions: 6 },
    };
  };

  /** A valid call of each mutation by the party entitled to it, on an item in the right stage. */
  const examples: Record<string, () => Promise<FuzzExample>> = {
    createApplication: async () => {
      const parkId = await knownPark(subgraph.service.dataSource, '140403');
      return { identity: operatorOf(parkId), variables: { parkId, kind: 'RECOGNITION', year: 2026 } };
    },
    declareFacts: async () => {
      const { id, parkId } = await application('DRAFT');
      return { identity: operatorOf(parkId), variables: { applicationId: id, expectedVersion: 1, facts: FACTS } };
    },
    submitApplication: async () => {
      const { id, operator } = await readyDraft();
      return { identity: operator, variables: { applicationId: id, expectedVersion: await versionOf(id) } };
    },
    createPolicyVersion: async () => ({ variables: { input: policyVersion() } }),
    endPolicyVersion: async () => {
      const version = policyVersion();
      await call(city, `mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { code } }`, { input: version });
      return { variables: { code: version.code, effectiveTo: version.effectiveFrom.replace('01-01', '06-30') } };
    },
    openPublicity: async () => ({ variables: { input: { title: '2026年度市级人力资源服务产业园拟认定名单公示', applicationIds: [(await application('JOINT_EVALUATION', { concluded: true })).id], workingDays: 5 } } }),
    fileObjection: async () => {
      const { id: publicityId, applicationId } = await openPublicity();
      return { identity: member(), variables: { input: { publicityId, applicationId, ...OBJECTION } } };
    },
    resolveObjection: async () => ({ variables: { objectionId: await fileObjection(), decision: 'DISMISSED', resolution: '经核实，入驻机构均在正常运营，异议不成立。' } }),
    runDeadline: async () => ({ identity: SYSTEM_IDENTITY, variables: { kind: 'PUBLICITY_CLOSE', targetId: (await openPublicity()).id } }),
    countyReview: async () => ({ identity: luzhou, variables: { applicationId: (await application('COUNTY_REVIEW')).id, expectedVersion: 1, decision: DECISION } }),
    cityReview: async () => ({ variables: { applicationId: (await application('CITY_REVIEW')).id, expectedVersion: 1, decision: DECISION } }),
    assignPanel: async () => ({ variables: { applicationId: (await application('JOINT_EVALUATION')).id, members: PANEL } }),
    submitEvaluation: async () => {
      const { id } = await application('JOINT_EVALUATION');
      await call(city, `mutation($id: ID!, $m: [PanelMemberInput!]!) { assignPanel(applicationId: $id, members: $m) { id } }`, { id, m: PANEL });
      return { identity: reviewer, variables: { applicationId: id, opinion: '规划合理，运营团队专业，建议认定。', score: '86.5' } };
    },
    recordSiteInspection: async () => ({ variables: { applicationId: (await application('JOINT_EVALUATION')).id, input: INSPECTION } }),
    recordQualitativeFinding: async () => ({ variables: { applicationId: (await application('JOINT_EVALUATION')).id, criterion: 'PLANNING_REPORT', input: FINDING } }),
    concludeEvaluation: async () => {
      const id = await evaluated();
      return { variables: { applicationId: id, expectedVersion: await versionOf(id) } };
    },
    approveApplication: async () => ({ variables: { applicationId: (await application('AWAITING_APPROVAL')).id, expectedVersion: 1, approvalDocumentNo: '长人社函〔2026〕12号', approvedOn: '2026-11-20' } }),
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService, { seedDemo: true });
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
  });

  it.each(mutationNames(schema))('%s: refuses garbage clearly, with no 500, no trace and nothing written', async (mutation) => {
    const result = await fuzzMutation(mutation, { url: subgraph.url, schema, dataSource: subgraph.service.dataSource, dbSchema: SCHEMA, identity: city, example: examples[mutation], numRuns: 30 });
    // A mutation added later is fuzzed too, with arguments generated from its types alone.
    expect(result.example).toBe(examples[mutation] ? 'OK' : undefined);
    expect(result.runs).toBe(30);
  }, 60_000);
});
