import type { AccessCoordinate, Identity, Role, Target } from '@cz/auth';
import type { Jurisdiction } from './matrix-cells';
import { enterpriseSubsidy, HOME, spending, TODAY, type World } from './matrix-world';

/**
 * One probe per SCHEMA_ACCESS coordinate: a GraphQL document aimed at one record of the matrix
 * world, and how to read what came back. The expected answer is never here: it is computed from
 * ACCESS_POLICY and SCHEMA_ACCESS (matrix-cells.ts) for each role and jurisdiction.
 *
 * Mutations aim at records whose state refuses the change after the guard (an approved
 * application, a final assessment, a stale `expectedVersion`): an entitled caller gets that
 * domain refusal, listed in `passes`, which proves the guard let it through without changing the
 * record the next cell needs. Where a mutation is cheap to repeat (register a park, file an
 * objection, record a spending) its input is simply valid.
 */

export type Subgraph = 'registry' | 'applications' | 'funding' | 'assessment' | 'notifications';

export interface Cell {
  role: Role;
  jurisdiction: Jurisdiction;
  identity: Identity | null;
  /** Unique per cell: for values that must not repeat (idempotency keys, e-mail addresses). */
  serial: number;
}

export type Reader =
  /** Allowed when the field answers without a refusal. */
  | { kind: 'answer' }
  /** Allowed when the target comes back, HIDDEN when it resolves to null. */
  | { kind: 'item' }
  /** A number: allowed when positive, HIDDEN at zero (what is addressed to the reader). */
  | { kind: 'count' }
  /** A list: allowed when the target row is in it, HIDDEN when not; every row must be within reach. */
  | { kind: 'rows'; present: (world: World, cell: Cell) => string; row?: (node: Record<string, unknown>, world: World) => { id: string; target: Target } }
  /** Personal data: WHOLE when it is the stored value, MASKED when it is not; `inList` finds the fixture's row in a list at `at`. */
  | { kind: 'value'; whole: (world: World) => string; inList?: { id: (world: World) => string; field: string } };

export interface Probe {
  coordinate: AccessCoordinate;
  /** The coordinate whose guard is passed first (the entity of a field reached through _entities, the mutation of an input field). */
  through?: AccessCoordinate;
  /** The record aimed at; absent for a target-less operation (reference data, scheduler jobs, the city's own settings). */
  target?: (world: World, role: Role) => Target;
  /** Through the gateway, or (for the _entities path, which the gateway never exposes) to a subgraph as the gateway would call it. */
  entitiesOf?: Subgraph;
  document: string;
  variables?: (world: World, cell: Cell) => Record<string, unknown>;
  /** Where in `data` the probed value is; errors are matched by its first segment. */
  at: ReadonlyArray<string | number>;
  read: Reader;
  passes?: readonly string[];
}

const answer: Reader = { kind: 'answer' };
const item: Reader = { kind: 'item' };
const count: Reader = { kind: 'count' };
const parkOf = (node: Record<string, unknown>) => (node.park as { id: string }).id;
/** A list row of a park-owned record, placed in its park's county (and its panel, for the assigned reviewer). */
const parkRow = (node: Record<string, unknown>, world: World) => {
  const id = node.id as string;
  return { id, target: { parkId: parkOf(node), countyCode: world.countyOf(parkOf(node)), assignedSubjects: world.assignedTo(id) } };
};
const rows = (present: (world: World, cell: Cell) => string, row: (node: Record<string, unknown>, world: World) => { id: string; target: Target } = parkRow): Reader => ({ kind: 'rows', present, row });
const edges = (root: string) => [root, 'edges'] as const;

const homePark = (world: World) => world.park;
const onApplication = (world: World) => world.application.target;
const onAssessment = (world: World) => world.assessment.target;
const entity = (typename: string, id: (world: World) => string) => (world: World) => ({ representations: [{ __typename: typename, id: id(world) }] });

const PARK_ENTITY = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Park { id FIELD } } }`;
const onParkEntity = (field: string) => PARK_ENTITY.replace('FIELD', field);
const homeParkEntity = entity('Park', (world) => world.park.parkId);

const siteInput = [{ name: '潞州园区主楼', address: '长治市潞州区英雄北路 168 号', buildingAreaM2: '5200.00', isCore: true }];
const institutionInput = Array.from({ length: 10 }, (_, index) => ({ name: `访问矩阵测试机构${index + 1}`, creditCode: `91140403MA1${String(index).padStart(7, '0')}`, licenceKind: 'LICENCE', licenceNo: `晋人服证字〔2026〕${2000 + index}号`, licenceValidUntil: '2029-12-31', operating: true, revenueFen: '350000000', revenueYear: 2026 }));
const publicServices = ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'];
const eligibleFacts = { revenueYear: 2026, sites: [{ name: '潞州园区主楼', address: '长治市潞州区英雄北路 168 号', buildingAreaM2: '5200.00', isCore: true }], institutions: institutionInput.map(({ revenueYear: _year, ...rest }) => rest), publicServices, subParkJustification: null };
const newPark = (countyCode: string, serial: number) => ({
  name: `访问矩阵测试园区${serial}`,
  countyCode,
  address: '长治市潞州区测试路 1 号',
  contactName: '测试联系人',
  contactPhone: '13800000000',
  propertyOwnership: '国有',
  registeredOn: '2026-06-01',
  constructionInvestmentFen: '100000000',
  buildingAreaM2: '3200.00',
  managementTeamSize: 5,
  constructionMode: 'NEW',
  servicesOffered: ['INFORMATION'],
});
/** A stale version: the update is refused as a conflict after the guard, whoever is entitled. */
const STALE = 999;

export const PROBES: readonly Probe[] = [
  // — park-registry —
  { coordinate: 'Query.counties', document: `{ counties { code } }`, at: ['counties'], read: answer },
  { coordinate: 'Query.park', target: homePark, document: `query($id: ID!) { park(id: $id) { id } }`, variables: (world) => ({ id: world.park.parkId }), at: ['park'], read: item },
  {
    coordinate: 'Query.parks',
    target: homePark,
    document: `{ parks(first: 100) { edges { node { id county { code } } } } }`,
    at: edges('parks'),
    read: rows((world) => world.park.parkId, (node) => ({ id: node.id as string, target: { parkId: node.id as string, countyCode: (node.county as { code: string }).code } })),
  },
  { coordinate: 'Query.workingCalendar', document: `{ workingCalendar(year: 2027) { year } }`, at: ['workingCalendar'], read: answer },
  { coordinate: 'Query.coveredCalendarYears', document: `{ coveredCalendarYears }`, at: ['coveredCalendarYears'], read: answer },
  { coordinate: 'Query.addWorkingDays', document: `{ addWorkingDays(from: "${TODAY}", days: 1) }`, at: ['addWorkingDays'], read: answer },
  {
    coordinate: 'Mutation.registerPark',
    target: (world) => ({ parkId: '', countyCode: world.park.countyCode }),
    document: `mutation($input: RegisterParkInput!) { registerPark(input: $input) { id } }`,
    variables: (world, cell) => ({ input: newPark(world.park.countyCode, cell.serial) }),
    at: ['registerPark'],
    read: answer,
  },
  {
    coordinate: 'Mutation.updateParkProfile',
    target: homePark,
    document: `mutation($id: ID!) { updateParkProfile(id: $id, expectedVersion: ${STALE}, input: { address: "长治市潞州区英雄北路 168 号" }) { id } }`,
    variables: (world) => ({ id: world.park.parkId }),
    at: ['updateParkProfile'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'UpdateParkProfileInput.countyCode',
    through: 'Mutation.updateParkProfile',
    target: homePark,
    document: `mutation($id: ID!) { updateParkProfile(id: $id, expectedVersion: ${STALE}, input: { countyCode: "140404" }) { id } }`,
    variables: (world) => ({ id: world.park.parkId }),
    at: ['updateParkProfile'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.setCalendarYear',
    document: `mutation($year: Int!, $input: CalendarYearInput!) { setCalendarYear(year: $year, expectedVersion: ${STALE}, input: $input) { year } }`,
    variables: (world) => ({ year: world.calendar.year, input: world.calendar.input }),
    at: ['setCalendarYear'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.setParkSites',
    target: homePark,
    document: `mutation($id: ID!, $sites: [ParkSiteInput!]!) { setParkSites(parkId: $id, expectedVersion: ${STALE}, sites: $sites) { id } }`,
    variables: (world) => ({ id: world.park.parkId, sites: siteInput }),
    at: ['setParkSites'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.setResidentInstitutions',
    target: homePark,
    document: `mutation($id: ID!, $institutions: [ResidentInstitutionInput!]!) { setResidentInstitutions(parkId: $id, expectedVersion: ${STALE}, institutions: $institutions) { id } }`,
    variables: (world) => ({ id: world.park.parkId, institutions: institutionInput }),
    at: ['setResidentInstitutions'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.setPublicServices',
    target: homePark,
    document: `mutation($id: ID!, $functions: [PublicServiceFunction!]!) { setPublicServices(parkId: $id, expectedVersion: ${STALE}, functions: $functions) { id } }`,
    variables: (world) => ({ id: world.park.parkId, functions: publicServices }),
    at: ['setPublicServices'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Park.__resolveReference', target: homePark, entitiesOf: 'registry', document: onParkEntity(''), variables: homeParkEntity, at: ['_entities', 0], read: item },
  ...(['sites { name }', 'institutions { name }', 'publicServices', 'statusHistory { toStatus }'] as const).map(
    (selection): Probe => ({ coordinate: `Park.${selection.split(' ')[0]}` as AccessCoordinate, through: 'Park.__resolveReference', target: homePark, entitiesOf: 'registry', document: onParkEntity(selection), variables: homeParkEntity, at: ['_entities', 0, selection.split(' ')[0]], read: answer }),
  ),
  { coordinate: 'Park.contactName', through: 'Park.__resolveReference', target: homePark, entitiesOf: 'registry', document: onParkEntity('contactName'), variables: homeParkEntity, at: ['_entities', 0, 'contactName'], read: { kind: 'value', whole: () => HOME.contactName } },
  { coordinate: 'Park.contactPhone', through: 'Park.__resolveReference', target: homePark, entitiesOf: 'registry', document: onParkEntity('contactPhone'), variables: homeParkEntity, at: ['_entities', 0, 'contactPhone'], read: { kind: 'value', whole: () => HOME.contactPhone } },

  // — applications —
  { coordinate: 'Query.application', target: onApplication, document: `query($id: ID!) { application(id: $id) { id } }`, variables: (world) => ({ id: world.application.id }), at: ['application'], read: item },
  { coordinate: 'Query.applications', target: onApplication, document: `{ applications(first: 100) { edges { node { id park { id } } } } }`, at: edges('applications'), read: rows((world) => world.application.id) },
  { coordinate: 'Query.policyVersions', document: `{ policyVersions { code } }`, at: ['policyVersions'], read: answer },
  { coordinate: 'Query.policyInForce', document: `{ policyInForce(countyCode: "${HOME.countyCode}", on: "${TODAY}") { code } }`, at: ['policyInForce'], read: answer },
  { coordinate: 'Query.publicNotices', document: `{ publicNotices(first: 10) { edges { node { id } } } }`, at: ['publicNotices'], read: answer },
  { coordinate: 'Query.publicNotice', document: `query($id: ID!) { publicNotice(id: $id) { id } }`, variables: (world) => ({ id: world.publicity.id }), at: ['publicNotice'], read: item },
  {
    coordinate: 'Query.objections',
    target: homePark,
    document: `query($p: ID) { objections(first: 50, publicityId: $p) { edges { node { id } } } }`,
    variables: (world) => ({ p: world.publicity.id }),
    at: edges('objections'),
    read: rows((world) => world.objection.id, (node, world) => ({ id: node.id as string, target: world.park })),
  },
  { coordinate: 'Query.pendingDeadlines', document: `{ pendingDeadlines { targetId } }`, at: ['pendingDeadlines'], read: answer },
  {
    coordinate: 'Mutation.createApplication',
    target: homePark,
    // The home park has a sub-park application open already: CONFLICT, nothing created.
    document: `mutation($park: ID!) { createApplication(parkId: $park, kind: SUB_PARK, year: 2027) { id } }`,
    variables: (world) => ({ park: world.park.parkId }),
    at: ['createApplication'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.declareFacts',
    target: onApplication,
    document: `mutation($id: ID!, $facts: DeclaredFactsInput!) { declareFacts(applicationId: $id, expectedVersion: ${STALE}, facts: $facts) { id } }`,
    variables: (world) => ({ id: world.application.id, facts: eligibleFacts }),
    at: ['declareFacts'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Mutation.submitApplication', target: onApplication, document: `mutation($id: ID!) { submitApplication(applicationId: $id, expectedVersion: ${STALE}) { id } }`, variables: (world) => ({ id: world.application.id }), at: ['submitApplication'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.createPolicyVersion',
    // The version in force again, under its own code: refused as taken (or as starting in the past).
    document: `mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { code } }`,
    variables: (world) => ({ input: world.policyVersion.input }),
    at: ['createPolicyVersion'],
    read: answer,
    passes: ['CONFLICT', 'BAD_USER_INPUT'],
  },
  {
    coordinate: 'Mutation.endPolicyVersion',
    // Ending the version in force before today would rewrite rules already applied: refused after the guard.
    document: `mutation($code: ID!) { endPolicyVersion(code: $code, effectiveTo: "2000-01-01") { code } }`,
    variables: (world) => ({ code: world.policyVersion.code }),
    at: ['endPolicyVersion'],
    read: answer,
    passes: ['CONFLICT', 'BAD_USER_INPUT'],
  },
  {
    coordinate: 'Mutation.openPublicity',
    // An approved application cannot go on publicity.
    document: `mutation($ids: [ID!]!) { openPublicity(input: { title: "访问矩阵测试公示", applicationIds: $ids }) { id } }`,
    variables: (world) => ({ ids: [world.application.id] }),
    at: ['openPublicity'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.fileObjection',
    document: `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
    variables: (world) => ({ input: { publicityId: world.publicity.id, applicationId: world.publicity.applicationId, contact: '13900002222', reason: '访问矩阵测试：请核实该园区的入驻机构名册。' } }),
    at: ['fileObjection'],
    read: answer,
  },
  {
    coordinate: 'Mutation.resolveObjection',
    // The first entitled cell dismisses it; the next finds it decided.
    document: `mutation($id: ID!) { resolveObjection(objectionId: $id, decision: DISMISSED, resolution: "访问矩阵测试：经核实异议不成立。") { id } }`,
    variables: (world) => ({ id: world.objection.id }),
    at: ['resolveObjection'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Mutation.runDeadline', document: `mutation($id: ID!) { runDeadline(kind: PUBLICITY_CLOSE, targetId: $id) { outcome } }`, variables: (world) => ({ id: world.publicity.id }), at: ['runDeadline'], read: answer },
  {
    coordinate: 'Mutation.countyReview',
    target: onApplication,
    document: `mutation($id: ID!) { countyReview(applicationId: $id, expectedVersion: ${STALE}, decision: { decision: PASS, reasons: [] }) { id } }`,
    variables: (world) => ({ id: world.application.id }),
    at: ['countyReview'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.cityReview',
    target: onApplication,
    document: `mutation($id: ID!) { cityReview(applicationId: $id, expectedVersion: ${STALE}, decision: { decision: PASS, reasons: [] }) { id } }`,
    variables: (world) => ({ id: world.application.id }),
    at: ['cityReview'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.assignPanel',
    target: onApplication,
    document: `mutation($id: ID!) { assignPanel(applicationId: $id, members: [{ subject: "matrix-panel-extra", name: "矩阵评审专家", department: "财政" }]) { id } }`,
    variables: (world) => ({ id: world.application.id }),
    at: ['assignPanel'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Mutation.submitEvaluation', target: onApplication, document: `mutation($id: ID!) { submitEvaluation(applicationId: $id, opinion: "访问矩阵测试意见", score: "88.00") { score } }`, variables: (world) => ({ id: world.application.id }), at: ['submitEvaluation'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.recordSiteInspection',
    target: onApplication,
    document: `mutation($id: ID!) { recordSiteInspection(applicationId: $id, input: { inspectedOn: "${TODAY}", inspectors: "市人社局", findings: "访问矩阵测试", conclusion: "符合" }) { id } }`,
    variables: (world) => ({ id: world.application.id }),
    at: ['recordSiteInspection'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.recordQualitativeFinding',
    target: onApplication,
    document: `mutation($id: ID!) { recordQualitativeFinding(applicationId: $id, criterion: PLANNING_REPORT, input: { finding: "访问矩阵测试", evidence: "申报材料第 3 项", satisfied: true }) { criterion } }`,
    variables: (world) => ({ id: world.application.id }),
    at: ['recordQualitativeFinding'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Mutation.concludeEvaluation', target: onApplication, document: `mutation($id: ID!) { concludeEvaluation(applicationId: $id, expectedVersion: ${STALE}) { id } }`, variables: (world) => ({ id: world.application.id }), at: ['concludeEvaluation'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.approveApplication',
    target: onApplication,
    document: `mutation($id: ID!) { approveApplication(applicationId: $id, expectedVersion: ${STALE}, approvalDocumentNo: "长人社函〔2027〕1号", approvedOn: "${TODAY}") { id } }`,
    variables: (world) => ({ id: world.application.id }),
    at: ['approveApplication'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Application.__resolveReference', target: onApplication, entitiesOf: 'applications', document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Application { id } } }`, variables: entity('Application', (world) => world.application.id), at: ['_entities', 0], read: item },
  { coordinate: 'Park.applications', target: homePark, entitiesOf: 'applications', document: onParkEntity('applications { id }'), variables: homeParkEntity, at: ['_entities', 0, 'applications'], read: rows((world) => world.application.id, (node, world) => ({ id: node.id as string, target: world.park })) },
  ...(['materials { id }', 'checklist { item }', 'panel { subject }', 'evaluations { score }'] as const).map(
    (selection): Probe => ({
      coordinate: `Application.${selection.split(' ')[0]}` as AccessCoordinate,
      through: 'Application.__resolveReference',
      target: onApplication,
      entitiesOf: 'applications',
      document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Application { id ${selection} } } }`,
      variables: entity('Application', (world) => world.application.id),
      at: ['_entities', 0, selection.split(' ')[0]],
      read: answer,
    }),
  ),
  ...(['filerName', 'contact'] as const).map(
    (field): Probe => ({
      coordinate: `Objection.${field}`,
      through: 'Query.objections',
      target: homePark,
      document: `query($p: ID) { objections(first: 50, publicityId: $p) { edges { node { id ${field} } } } }`,
      variables: (world) => ({ p: world.publicity.id }),
      at: ['objections', 'edges'],
      read: { kind: 'value', whole: (world) => world.objection[field], inList: { id: (world) => world.objection.id, field } },
    }),
  ),

  // — assessment —
  { coordinate: 'Query.assessment', target: onAssessment, document: `query($id: ID!) { assessment(id: $id) { id } }`, variables: (world) => ({ id: world.assessment.id }), at: ['assessment'], read: item },
  { coordinate: 'Query.assessments', target: onAssessment, document: `{ assessments(first: 100) { edges { node { id park { id } } } } }`, at: edges('assessments'), read: rows((world) => world.assessment.id) },
  { coordinate: 'Query.assessmentCycle', document: `{ assessmentCycle(year: 2026) { id } }`, at: ['assessmentCycle'], read: item },
  { coordinate: 'Query.assessmentCycles', document: `{ assessmentCycles(first: 10) { edges { node { id } } } }`, at: ['assessmentCycles'], read: answer },
  { coordinate: 'Query.pendingAssessmentDeadlines', document: `{ pendingAssessmentDeadlines { targetId } }`, at: ['pendingAssessmentDeadlines'], read: answer },
  { coordinate: 'Query.assessmentTemplates', document: `{ assessmentTemplates(first: 10) { edges { node { id } } } }`, at: ['assessmentTemplates'], read: answer },
  { coordinate: 'Query.assessmentTemplate', document: `query($id: ID!) { assessmentTemplate(id: $id) { id } }`, variables: (world) => ({ id: world.template.id }), at: ['assessmentTemplate'], read: item },
  { coordinate: 'Query.commendedParks', document: `{ commendedParks(year: 2024) { edges { node { totalScore } } } }`, at: ['commendedParks'], read: answer },
  { coordinate: 'Mutation.openDueAssessmentCycle', document: `mutation { openDueAssessmentCycle { outcome } }`, at: ['openDueAssessmentCycle'], read: answer },
  { coordinate: 'Mutation.openAssessmentCycle', document: `mutation { openAssessmentCycle(year: 2026) { outcome } }`, at: ['openAssessmentCycle'], read: answer },
  { coordinate: 'Mutation.runAssessmentDeadline', document: `mutation($id: ID!) { runAssessmentDeadline(kind: SUBMISSION_REMINDER_10, targetId: $id) { outcome } }`, variables: (world) => ({ id: world.cycle.id }), at: ['runAssessmentDeadline'], read: answer },
  {
    coordinate: 'Mutation.runAssessmentDeadlineFor',
    document: `mutation($id: ID!, $recipient: ID!) { runAssessmentDeadlineFor(kind: SUBMISSION_REMINDER_10, targetId: $id, recipientId: $recipient) { outcome } }`,
    variables: (world) => ({ id: world.cycle.id, recipient: world.assessment.id }),
    at: ['runAssessmentDeadlineFor'],
    read: answer,
  },
  {
    coordinate: 'Mutation.createAssessmentTemplate',
    // The default template's own code: refused as taken.
    document: `mutation($input: AssessmentTemplateInput!) { createAssessmentTemplate(input: $input) { id } }`,
    variables: (world) => ({ input: world.template.input }),
    at: ['createAssessmentTemplate'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.updateAssessmentTemplate',
    // A template a cycle uses cannot change.
    document: `mutation($id: ID!, $v: Int!, $input: AssessmentTemplateInput!) { updateAssessmentTemplate(id: $id, expectedVersion: $v, input: $input) { id } }`,
    variables: (world) => ({ id: world.template.id, v: world.template.version, input: world.template.input }),
    at: ['updateAssessmentTemplate'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.saveSelfAssessment',
    target: onAssessment,
    document: `mutation($id: ID!) { saveSelfAssessment(assessmentId: $id, entries: [{ indicatorCode: "E1", figures: [{ name: "年度营业收入", value: "3200", unit: "万元" }], narrative: "访问矩阵测试自评。", evidenceFileIds: [] }]) { id } }`,
    variables: (world) => ({ id: world.assessment.id }),
    at: ['saveSelfAssessment'],
    read: answer,
  },
  { coordinate: 'Mutation.submitSelfAssessment', target: onAssessment, document: `mutation($id: ID!) { submitSelfAssessment(assessmentId: $id, expectedVersion: ${STALE}) { id } }`, variables: (world) => ({ id: world.assessment.id }), at: ['submitSelfAssessment'], read: answer, passes: ['CONFLICT'] },
  { coordinate: 'Mutation.checkSelfAssessment', target: onAssessment, document: `mutation($id: ID!) { checkSelfAssessment(assessmentId: $id, expectedVersion: ${STALE}, decision: ACCEPT) { id } }`, variables: (world) => ({ id: world.assessment.id }), at: ['checkSelfAssessment'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.assignAssessmentReviewers',
    // A final assessment takes no reviewers; aimed there so the assigned reviewer stays on the open one.
    target: homePark,
    document: `mutation($id: ID!) { assignAssessmentReviewers(assessmentId: $id, reviewers: [{ subject: "matrix-panel-extra", name: "矩阵评审专家", lead: true }]) { id } }`,
    variables: (world) => ({ id: world.finalAssessment.id }),
    at: ['assignAssessmentReviewers'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.scoreIndicator',
    target: onAssessment,
    document: `mutation($id: ID!) { scoreIndicator(assessmentId: $id, input: { indicatorCode: "E1", score: "9.00", justification: "访问矩阵测试评分理由。" }) { score } }`,
    variables: (world) => ({ id: world.assessment.id }),
    at: ['scoreIndicator'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Mutation.finaliseAssessment', target: onAssessment, document: `mutation($id: ID!) { finaliseAssessment(assessmentId: $id, expectedVersion: ${STALE}) { id } }`, variables: (world) => ({ id: world.assessment.id }), at: ['finaliseAssessment'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.submitRectificationReport',
    target: onAssessment,
    document: `mutation($id: ID!) { submitRectificationReport(assessmentId: $id, expectedVersion: ${STALE}, report: "访问矩阵测试整改报告。") { id } }`,
    variables: (world) => ({ id: world.assessment.id }),
    at: ['submitRectificationReport'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Assessment.__resolveReference', target: onAssessment, entitiesOf: 'assessment', document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Assessment { id } } }`, variables: entity('Assessment', (world) => world.assessment.id), at: ['_entities', 0], read: item },
  { coordinate: 'AssessmentCycle.__resolveReference', entitiesOf: 'assessment', document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on AssessmentCycle { id } } }`, variables: entity('AssessmentCycle', (world) => world.cycle.id), at: ['_entities', 0], read: item },
  {
    coordinate: 'AssessmentCycle.assessments',
    through: 'AssessmentCycle.__resolveReference',
    target: onAssessment,
    entitiesOf: 'assessment',
    document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on AssessmentCycle { id assessments { id park { id } } } } }`,
    variables: entity('AssessmentCycle', (world) => world.cycle.id),
    at: ['_entities', 0, 'assessments'],
    read: rows((world) => world.assessment.id),
  },
  { coordinate: 'Park.assessments', target: homePark, entitiesOf: 'assessment', document: onParkEntity('assessments { id }'), variables: homeParkEntity, at: ['_entities', 0, 'assessments'], read: rows((world) => world.assessment.id, (node, world) => ({ id: node.id as string, target: world.park })) },
  { coordinate: 'Park.latestGrade', target: homePark, entitiesOf: 'assessment', document: onParkEntity('latestGrade'), variables: homeParkEntity, at: ['_entities', 0, 'latestGrade'], read: item },
  ...(['scores { indicatorCode }', 'scoreHistory { indicatorCode }', 'reviewers { subject }'] as const).map(
    (selection): Probe => ({
      coordinate: `Assessment.${selection.split(' ')[0]}` as AccessCoordinate,
      through: 'Assessment.__resolveReference',
      target: onAssessment,
      entitiesOf: 'assessment',
      document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Assessment { id ${selection} } } }`,
      variables: entity('Assessment', (world) => world.assessment.id),
      at: ['_entities', 0, selection.split(' ')[0]],
      read: answer,
    }),
  ),

  // — funding —
  { coordinate: 'Query.fundingAward', target: homePark, document: `query($id: ID!) { fundingAward(id: $id) { id } }`, variables: (world) => ({ id: world.award.id }), at: ['fundingAward'], read: item },
  { coordinate: 'Query.fundingAwards', target: homePark, document: `{ fundingAwards(first: 100) { edges { node { id park { id } } } } }`, at: edges('fundingAwards'), read: rows((world) => world.award.id) },
  { coordinate: 'Query.yearlyTargets', document: `{ yearlyTargets(year: 2026) { year } }`, at: ['yearlyTargets'], read: answer },
  { coordinate: 'Query.employmentReports', target: homePark, document: `{ employmentReports(first: 100) { edges { node { id park { id } } } } }`, at: edges('employmentReports'), read: rows((world) => world.employmentReport.id) },
  { coordinate: 'Query.enterpriseSubsidyReferences', target: homePark, document: `{ enterpriseSubsidyReferences(first: 100) { edges { node { id park { id } } } } }`, at: edges('enterpriseSubsidyReferences'), read: rows((world) => world.subsidyReference.id) },
  {
    coordinate: 'Query.fundingYear',
    target: (world) => ({ parkId: '', countyCode: world.park.countyCode }),
    document: `{ fundingYear(year: 2023, countyCode: "${HOME.countyCode}") { year } }`,
    at: ['fundingYear'],
    read: answer,
  },
  { coordinate: 'Query.ledgerEntries', target: homePark, document: `{ ledgerEntries(first: 100) { edges { node { id park { id } } } } }`, at: edges('ledgerEntries'), read: rows((world) => world.ledgerEntry.id) },
  { coordinate: 'Mutation.setYearlyTargets', document: `mutation { setYearlyTargets(year: 2026, expectedVersion: ${STALE}, urbanNewEmployment: 6000, ruralLabourTransfer: 4000) { year } }`, at: ['setYearlyTargets'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.reportEmployment',
    target: homePark,
    // The home park reported 2026 already: refused as a duplicate.
    document: `mutation($park: ID!, $files: [ID!]!) { reportEmployment(parkId: $park, year: 2026, employmentPromoted: 1700, evidenceFileIds: $files) { id } }`,
    variables: (world) => ({ park: world.park.parkId, files: [world.evidenceFileId] }),
    at: ['reportEmployment'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.correctEmploymentReport',
    target: homePark,
    // Only a returned report is corrected; this one awaits verification.
    document: `mutation($id: ID!, $files: [ID!]!) { correctEmploymentReport(reportId: $id, expectedVersion: ${STALE}, employmentPromoted: 1700, evidenceFileIds: $files) { id } }`,
    variables: (world) => ({ id: world.employmentReport.id, files: [world.evidenceFileId] }),
    at: ['correctEmploymentReport'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'Mutation.verifyEmploymentReport', target: homePark, document: `mutation($id: ID!) { verifyEmploymentReport(reportId: $id, expectedVersion: ${STALE}, decision: VERIFY) { id } }`, variables: (world) => ({ id: world.employmentReport.id }), at: ['verifyEmploymentReport'], read: answer, passes: ['CONFLICT'] },
  {
    coordinate: 'Mutation.recordEnterpriseSubsidy',
    target: homePark,
    document: `mutation($park: ID!, $input: EnterpriseSubsidyInput!) { recordEnterpriseSubsidy(parkId: $park, input: $input) { id } }`,
    variables: (world, cell) => ({ park: world.park.parkId, input: enterpriseSubsidy(cell.serial + 1) }),
    at: ['recordEnterpriseSubsidy'],
    read: answer,
  },
  {
    coordinate: 'Mutation.updateEnterpriseSubsidyStatus',
    target: homePark,
    document: `mutation($id: ID!) { updateEnterpriseSubsidyStatus(id: $id, expectedVersion: ${STALE}, status: GRANTED, decidedOn: "${TODAY}") { id } }`,
    variables: (world) => ({ id: world.subsidyReference.id }),
    at: ['updateEnterpriseSubsidyStatus'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.confirmPayment',
    target: homePark,
    // The award is paid in full already: one fen more is refused after the guard.
    document: `mutation($id: ID!, $key: String!) { confirmPayment(awardId: $id, amount: "1", paidOn: "${TODAY}", voucherNo: "MATRIX-1", idempotencyKey: $key) { id } }`,
    variables: (world, cell) => ({ id: world.award.id, key: `matrix-payment-${cell.serial}` }),
    at: ['confirmPayment'],
    read: answer,
    passes: ['CONFLICT', 'BAD_USER_INPUT'],
  },
  {
    coordinate: 'Mutation.recordSpending',
    target: homePark,
    document: `mutation($id: ID!, $input: SpendingInput!) { recordSpending(awardId: $id, input: $input) { id } }`,
    variables: (world) => ({ id: world.award.id, input: spending(world.evidenceFileId) }),
    at: ['recordSpending'],
    read: answer,
  },
  {
    coordinate: 'Mutation.reviewSpending',
    target: homePark,
    // The first entitled cell accepts it; a review is final, so the next are refused as a conflict.
    document: `mutation($id: ID!) { reviewSpending(entryId: $id, decision: ACCEPT) { id } }`,
    variables: (world) => ({ id: world.spending.toReview }),
    at: ['reviewSpending'],
    read: answer,
    passes: ['CONFLICT'],
  },
  {
    coordinate: 'Mutation.correctLedgerEntry',
    target: homePark,
    // The first entitled cell reverses it; an entry is reversed once.
    document: `mutation($id: ID!) { correctLedgerEntry(entryId: $id, reason: "访问矩阵测试：登记有误，冲正。") { id } }`,
    variables: (world) => ({ id: world.spending.toCorrect }),
    at: ['correctLedgerEntry'],
    read: answer,
    passes: ['CONFLICT'],
  },
  { coordinate: 'FundingAward.__resolveReference', target: homePark, entitiesOf: 'funding', document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on FundingAward { id } } }`, variables: entity('FundingAward', (world) => world.award.id), at: ['_entities', 0], read: item },
  { coordinate: 'EmploymentReport.__resolveReference', target: homePark, entitiesOf: 'funding', document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on EmploymentReport { id } } }`, variables: entity('EmploymentReport', (world) => world.employmentReport.id), at: ['_entities', 0], read: item },
  {
    coordinate: 'EnterpriseSubsidyReference.__resolveReference',
    target: homePark,
    entitiesOf: 'funding',
    document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on EnterpriseSubsidyReference { id } } }`,
    variables: entity('EnterpriseSubsidyReference', (world) => world.subsidyReference.id),
    at: ['_entities', 0],
    read: item,
  },
  { coordinate: 'Park.fundingAwards', target: homePark, entitiesOf: 'funding', document: onParkEntity('fundingAwards { id }'), variables: homeParkEntity, at: ['_entities', 0, 'fundingAwards'], read: rows((world) => world.award.id, (node, world) => ({ id: node.id as string, target: world.park })) },
  { coordinate: 'Park.subsidies', target: homePark, entitiesOf: 'funding', document: onParkEntity('subsidies { id }'), variables: homeParkEntity, at: ['_entities', 0, 'subsidies'], read: answer },
  { coordinate: 'Park.employmentReports', target: homePark, entitiesOf: 'funding', document: onParkEntity('employmentReports { id }'), variables: homeParkEntity, at: ['_entities', 0, 'employmentReports'], read: rows((world) => world.employmentReport.id, (node, world) => ({ id: node.id as string, target: world.park })) },
  { coordinate: 'Park.enterpriseSubsidies', target: homePark, entitiesOf: 'funding', document: onParkEntity('enterpriseSubsidies { id }'), variables: homeParkEntity, at: ['_entities', 0, 'enterpriseSubsidies'], read: rows((world) => world.subsidyReference.id, (node, world) => ({ id: node.id as string, target: world.park })) },
  { coordinate: 'Park.fundBalance', target: homePark, entitiesOf: 'funding', document: onParkEntity('fundBalance'), variables: homeParkEntity, at: ['_entities', 0, 'fundBalance'], read: answer },

  // — notifications: each role's own caller has one notification addressed to it —
  ...((): Probe[] => {
    // The notification addressed to this role's own caller (the public and the scheduler have none: any id will do for them).
    const mine = (world: World, cell: Cell) => world.notificationOf[cell.role] ?? world.notificationOf.CITY_BUREAU ?? '';
    return [
      { coordinate: 'Query.myNotifications', document: `{ myNotifications(first: 100) { edges { node { id } } } }`, at: edges('myNotifications'), read: { kind: 'rows', present: mine } },
      { coordinate: 'Query.unreadNotificationCount', document: `{ unreadNotificationCount }`, at: ['unreadNotificationCount'], read: answer },
      { coordinate: 'Mutation.markNotificationsRead', document: `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, variables: (world, cell) => ({ ids: [mine(world, cell)] }), at: ['markNotificationsRead'], read: count },
      { coordinate: 'Notification.__resolveReference', entitiesOf: 'notifications', document: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Notification { id } } }`, variables: (world, cell) => ({ representations: [{ __typename: 'Notification', id: mine(world, cell) }] }), at: ['_entities', 0], read: item },
    ];
  })(),
  { coordinate: 'Query.notificationContacts', document: `{ notificationContacts { id } }`, at: ['notificationContacts'], read: answer },
  { coordinate: 'NotificationContact.email', document: `{ notificationContacts { id email } }`, at: ['notificationContacts'], read: { kind: 'value', whole: (world) => world.contact.email, inList: { id: (world) => world.contact.id, field: 'email' } } },
  {
    coordinate: 'Mutation.addNotificationContact',
    document: `mutation($input: NotificationContactInput!) { addNotificationContact(input: $input) { id } }`,
    variables: (_world, cell) => ({ input: { role: 'CITY_BUREAU', email: `matrix-${cell.serial}@changzhi.example`, name: '访问矩阵测试邮箱' } }),
    at: ['addNotificationContact'],
    read: answer,
  },
  { coordinate: 'Mutation.deactivateNotificationContact', document: `mutation($id: ID!) { deactivateNotificationContact(id: $id) { id } }`, variables: (world) => ({ id: world.contact.id }), at: ['deactivateNotificationContact'], read: answer, passes: ['CONFLICT'] },

  // — personal data whole, by an explicit reveal written to the access log —
  {
    coordinate: 'Mutation.revealParkContact',
    target: homePark,
    document: `mutation($park: ID!) { revealParkContact(parkId: $park, reason: "访问矩阵测试：核对园区联系人") { contactPhone } }`,
    variables: (world) => ({ park: world.park.parkId }),
    at: ['revealParkContact'],
    read: answer,
  },
  {
    coordinate: 'Mutation.revealObjectionContact',
    target: homePark,
    document: `mutation($id: ID!) { revealObjectionContact(objectionId: $id, reason: "访问矩阵测试：联系异议人核实") { contact } }`,
    variables: (world) => ({ id: world.objection.id }),
    at: ['revealObjectionContact'],
    read: answer,
  },
  // — the audit log of each service, and its export —
  ...(['registry', 'applications', 'funding', 'assessment', 'notifications'] as const).flatMap((service): Probe[] => [
    { coordinate: `Query.${service}AuditLog`, document: `{ ${service}AuditLog(first: 1) { edges { node { id } } } }`, at: [`${service}AuditLog`], read: answer },
    { coordinate: `Query.${service}AuditLogExport`, document: `{ ${service}AuditLogExport(format: CSV) { url } }`, at: [`${service}AuditLogExport`], read: answer },
  ]),
  // — statistics: aimed at the home county, which a county bureau may ask about only for itself —
  ...(['park', 'application', 'funding', 'assessment'] as const).map(
    (subject): Probe => ({
      coordinate: `Query.${subject}Statistics`,
      target: (world) => ({ parkId: '', countyCode: world.park.countyCode }),
      document: `{ ${subject}Statistics(countyCode: "${HOME.countyCode}") { __typename } }`,
      at: [`${subject}Statistics`],
      read: answer,
    }),
  ),
  // — exports of the statistics, as download links: the same guard and target as the statistics —
  ...(['park', 'application', 'funding', 'assessment'] as const).map(
    (subject): Probe => ({
      coordinate: `Query.${subject}Export`,
      target: (world) => ({ parkId: '', countyCode: world.park.countyCode }),
      document: `{ ${subject}Export(report: STATISTICS, format: CSV, countyCode: "${HOME.countyCode}") { url } }`,
      at: [`${subject}Export`],
      read: answer,
    }),
  ),
];

/**
 * Coordinates deliberately without a probe, each with its reason. Keep it tiny: a coordinate
 * missing from PROBES and from here fails the matrix test.
 */
export const NOT_PROBED: ReadonlyMap<AccessCoordinate, string> = new Map<AccessCoordinate, string>([]);
