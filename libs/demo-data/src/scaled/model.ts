import type { AssessmentPhase, Grade, PolicyVersion } from '@cz/policy';
import type { Day, Instant } from './time';

/**
 * The scaled city as the services store it: every list holds rows of one table of one service,
 * with the table's columns in camelCase (`officialName` → "official_name"), so each service's seed
 * writes its own lists as they are and reads no other service's. Money is integer fen as decimal
 * strings; scores are decimal strings with two places.
 */
export interface ScaledCityOptions {
  /** Any integer; the same seed and scale always give the same city. */
  seed: number;
  /** 1 = about 300 parks; the number of parks scales with it, each park's history does not. */
  scale: number;
}

export interface ScaledCity {
  options: ScaledCityOptions;
  /** The first year with applications and the last year assessed (its cycle runs in the next Q1). */
  firstYear: number;
  lastYear: number;
  /** Nothing in the data happens after this instant: the history as it stood then. */
  asOf: Instant;
  /** A version of the measures in force before CITY_MEASURES (Art 22: parameters are dated data). */
  historicMeasures: PolicyVersion;
  parkRefs: ParkRefRow[];
  registry: RegistryRows;
  applications: ApplicationRows;
  funding: FundingRows;
  assessment: AssessmentRows;
}

/** Every other service's copy of a park (`park_ref`), as the registry's events leave it. */
export interface ParkRefRow {
  parkId: string;
  name: string;
  officialName: string | null;
  countyCode: string;
  status: ParkStatus;
  sourceVersion: number;
  updatedAt: Instant;
}

export type ParkStatus = 'CANDIDATE' | 'RECOGNISED' | 'REVOKED';

export interface RegistryRows {
  park: Array<{
    id: string;
    name: string;
    officialName: string | null;
    countyCode: string;
    address: string;
    status: ParkStatus;
    contactName: string;
    contactPhone: string;
    propertyOwnership: string;
    registeredOn: Day;
    constructionInvestmentFen: string;
    buildingAreaM2: string;
    managementTeamSize: number;
    constructionMode: 'NEW' | 'RENOVATED';
    servicesOffered: string[];
    version: number;
    createdAt: Instant;
    updatedAt: Instant;
  }>;
  parkSite: Array<{ id: string; parkId: string; name: string; address: string; buildingAreaM2: string; isCore: boolean; addedByApplicationId: null; createdAt: Instant }>;
  residentInstitution: Array<{
    id: string;
    parkId: string;
    name: string;
    creditCode: string;
    licenceKind: 'LICENCE' | 'FILING';
    licenceNo: string;
    licenceValidUntil: Day | null;
    operating: boolean;
    revenueFen: string;
    revenueYear: number;
    sourceApplicationId: string;
    createdAt: Instant;
  }>;
  parkPublicService: Array<{ parkId: string; function: string }>;
  parkStatusHistory: Array<{
    parkId: string;
    fromStatus: ParkStatus;
    toStatus: ParkStatus;
    reason: string;
    applicationId: string | null;
    approvalDocumentNo: string | null;
    approvedOn: Day | null;
    actor: string;
    occurredAt: Instant;
  }>;
}

export type ApplicationStage = 'DRAFT' | 'COUNTY_REVIEW' | 'CITY_REVIEW' | 'JOINT_EVALUATION' | 'PUBLICITY' | 'AWAITING_APPROVAL' | 'APPROVED' | 'RETURNED' | 'REJECTED';

export interface ApplicationRows {
  application: Array<{ id: string; parkId: string; kind: 'RECOGNITION'; stage: ApplicationStage; year: number; submittedAt: Instant | null; decidedAt: Instant | null; version: number; createdAt: Instant; updatedAt: Instant }>;
  applicationTransition: Array<{ applicationId: string; action: string; fromStage: ApplicationStage; toStage: ApplicationStage; actorSubject: string; actorRole: string; reason: string | null; details: object; occurredAt: Instant }>;
  applicationDraftFacts: Array<{ applicationId: string; facts: object; updatedAt: Instant; updatedBy: string }>;
  applicationSubmission: Array<{ id: string; applicationId: string; round: number; facts: object; policyVersionCode: string; eligibility: object; submittedAt: Instant; submittedBy: string }>;
  applicationMaterial: Array<{ id: string; applicationId: string; item: string; version: number; fileName: string; contentType: string; sizeBytes: number; sha256: string; content: Buffer; uploadedBy: string; uploadedAt: Instant }>;
  reviewDecision: Array<{ id: string; applicationId: string; stage: ApplicationStage; decision: 'PASS' | 'RETURN' | 'REJECT'; reasons: object; comment: string | null; decidedBy: string; decidedRole: string; decidedAt: Instant }>;
  applicationPanelMember: Array<{ applicationId: string; subject: string; name: string; department: string; assignedBy: string; assignedAt: Instant }>;
  panelEvaluation: Array<{ applicationId: string; subject: string; opinion: string; score: string; submittedAt: Instant; updatedAt: Instant }>;
  evaluationScoreChange: Array<{ applicationId: string; subject: string; changedBy: string; changedAt: Instant; scoreBefore: null; scoreAfter: string }>;
  siteInspection: Array<{ id: string; applicationId: string; inspectedOn: Day; inspectors: string; findings: string; conclusion: string; recordedBy: string; recordedAt: Instant }>;
  qualitativeFinding: Array<{ applicationId: string; criterion: string; finding: string; evidence: string; satisfied: boolean; recordedBy: string; recordedAt: Instant }>;
  evaluationConclusion: Array<{ id: string; applicationId: string; concludedBy: string; concludedAt: Instant; averageScore: string; supersededAt: null }>;
  publicity: Array<{ id: string; title: string; postedOn: Day; workingDays: number; endsOn: Day; endsAt: Instant; status: 'CLOSED'; version: number; openedBy: string; createdAt: Instant; closedAt: Instant }>;
  publicityItem: Array<{ publicityId: string; applicationId: string; outcome: 'AWAITING_APPROVAL' | 'REJECTED'; decidedAt: Instant; blockedNotifiedAt: Instant | null }>;
  objection: Array<{
    id: string;
    publicityId: string;
    applicationId: string;
    filerName: string;
    filerContact: string;
    reason: string;
    sourceAddress: string;
    status: 'UPHELD' | 'DISMISSED';
    resolution: string;
    resolvedBy: string;
    filedAt: Instant;
    resolvedAt: Instant;
  }>;
}

export type AwardStatus = 'PENDING' | 'APPROVED' | 'HELD' | 'PAID' | 'CANCELLED';
export type SpendingCategory = 'RENT_SUBSIDY' | 'RENOVATION' | 'PROPERTY_MANAGEMENT' | 'PUBLIC_VENUES' | 'PARK_OPERATION';

/**
 * A ledger movement. `id` is its place in the city-wide order in which entries and reviews were
 * recorded (1, 2, …); the seed adds the offset of the ids it reserves from the ledger's sequence,
 * which entries and reviews share.
 */
export interface LedgerEntryRow {
  id: number;
  awardId: string;
  kind: 'GRANT' | 'PAYMENT' | 'SPENDING' | 'CORRECTION';
  amountFen: string;
  reversesEntryId: number | null;
  idempotencyKey: string | null;
  category: SpendingCategory | null;
  description: string | null;
  evidence: string | null;
  voucherNo: string | null;
  reason: string | null;
  occurredOn: Day;
  recordedBy: string;
  recordedRole: string;
  recordedAt: Instant;
}

export interface SpendingReviewRow {
  id: number;
  entryId: number;
  decision: 'ACCEPT' | 'RETURN';
  reason: string | null;
  reviewedBy: string;
  reviewedRole: string;
  reviewedAt: Instant;
}

export interface FundingRows {
  yearlyTarget: Array<{ year: number; urbanNewEmployment: number; ruralLabourTransfer: number; version: number; enteredBy: string; enteredAt: Instant; updatedAt: Instant }>;
  employmentReport: Array<{
    id: string;
    parkId: string;
    year: number;
    employmentPromoted: number;
    evidence: string;
    status: 'REPORTED' | 'VERIFIED';
    returnReason: null;
    version: number;
    reportedBy: string;
    reportedAt: Instant;
    verifiedBy: string | null;
    verifiedAt: Instant | null;
  }>;
  fundingAward: Array<{
    id: string;
    parkId: string;
    kind: 'RECOGNITION_AWARD' | 'OPERATING_SUBSIDY';
    year: number;
    amountFen: string;
    status: AwardStatus;
    createdAt: Instant;
    updatedAt: Instant;
    version: number;
    sourceApplicationId: string | null;
    policyVersionCode: string;
  }>;
  subsidyComputation: Array<{
    awardId: string;
    employmentReportId: string;
    urbanNewEmploymentTarget: number;
    ruralLabourTransferTarget: number;
    targetsVersion: number;
    employmentPromoted: number;
    policyDate: Day;
    computation: object;
    computedAt: Instant;
  }>;
  /** Funding's copy of each park's latest grading per year, as the assessment events left it. */
  assessmentResult: Array<{
    parkId: string;
    year: number;
    assessmentId: string;
    cycleId: string;
    phase: AssessmentPhase;
    phaseRank: 1 | 2;
    totalScore: string;
    grade: Grade;
    outcome: 'FINAL' | 'RECTIFICATION_ORDERED';
    rectificationDeadline: Day | null;
    gradedOn: Day;
    occurredAt: Instant;
    eventId: string;
    updatedAt: Instant;
  }>;
  ledgerEntry: LedgerEntryRow[];
  spendingReview: SpendingReviewRow[];
  enterpriseSubsidyReference: Array<{
    id: string;
    parkId: string;
    enterpriseName: string;
    enterpriseCreditCode: string;
    policyName: string;
    subsidyKind: string;
    amountFen: string;
    status: 'APPLIED' | 'GRANTED' | 'REJECTED' | 'WITHDRAWN';
    appliedOn: Day;
    decidedOn: Day | null;
    note: string | null;
    version: number;
    recordedBy: string;
    recordedAt: Instant;
    updatedAt: Instant;
  }>;
}

export type AssessmentStatus = 'OPEN' | 'FINAL';

export interface AssessmentRows {
  /** Without `template_id`: the assessment service names its own default template. */
  assessmentCycle: Array<{
    id: string;
    year: number;
    openedOn: Day;
    submissionDeadline: Day;
    reviewDeadline: Day;
    reminderDays: Record<string, Day>;
    status: 'CLOSED';
    openedBy: string;
    version: number;
    createdAt: Instant;
    updatedAt: Instant;
    submissionWorkingDays: number;
    reviewWorkingDays: number;
  }>;
  assessment: Array<{
    id: string;
    parkId: string;
    year: number;
    status: AssessmentStatus;
    totalScore: string | null;
    grade: Grade | null;
    version: number;
    createdAt: Instant;
    updatedAt: Instant;
    cycleId: string;
    submittedAt: Instant | null;
    checkedAt: Instant | null;
    checkedBy: string | null;
    initialTotalScore: string | null;
    initialGrade: Grade | null;
    commended: boolean;
    finalisedAt: Instant | null;
  }>;
  selfAssessmentEntry: Array<{ assessmentId: string; indicatorCode: string; figures: object; narrative: string; updatedBy: string; updatedAt: Instant }>;
  assessmentReviewer: Array<{ assessmentId: string; subject: string; name: string; lead: boolean; assignedBy: string; assignedAt: Instant }>;
  indicatorScore: Array<{ assessmentId: string; phase: AssessmentPhase; indicatorCode: string; score: string; justification: string; scoredBy: string; scoredAt: Instant }>;
  scoreChange: Array<{
    assessmentId: string;
    phase: AssessmentPhase;
    indicatorCode: string;
    changedBy: string;
    changedRole: string;
    lead: boolean;
    changedAt: Instant;
    scoreBefore: string | null;
    scoreAfter: string;
    justification: string;
    reason: string | null;
  }>;
  rectification: Array<{
    id: string;
    assessmentId: string;
    orderedOn: Day;
    deadline: Day;
    requirements: string;
    status: 'CLOSED';
    report: string;
    submittedAt: Instant;
    overdueFlaggedAt: Instant | null;
    version: number;
    createdAt: Instant;
    updatedAt: Instant;
  }>;
}
