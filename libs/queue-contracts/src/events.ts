import type { DeclaredFacts, DeclaredSite, Grade, PolicyVersion } from '@cz/policy';
import type { ServiceName } from './services';

/**
 * Domain events crossing services. The type names are part of the stored outbox and inbox rows:
 * never rename one, add a new type instead.
 */
export const EVENT_TYPES = {
  parkProfileChanged: 'registry.park-profile-changed',
  calendarChanged: 'registry.calendar-changed',
  applicationApproved: 'applications.application-approved',
  notificationRequested: 'notification.requested',
  policyVersionChanged: 'applications.policy-version-changed',
  assessmentGraded: 'assessment.assessment-graded',
  parkRevocationDecided: 'assessment.park-revocation-decided',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export type ParkStatus = 'CANDIDATE' | 'RECOGNISED' | 'REVOKED';

/** The facts other services keep about a park: enough to place it in a county and show its name. */
export interface ParkProfileChangedPayload {
  parkId: string;
  name: string;
  officialName: string | null;
  countyCode: string;
  status: ParkStatus;
  /** The park row's version after the change; consumers ignore anything older than what they hold. */
  version: number;
}

export interface CalendarDayEntry {
  date: string;
  name: string;
}

/**
 * The whole of one year of the working-day calendar after a change, so applying it is idempotent
 * and order-safe (a consumer ignores a version older than the one it holds for that year).
 */
export interface CalendarChangedPayload {
  year: number;
  /** False: the year is not (or no longer) known; deadlines may not be scheduled into it. */
  covered: boolean;
  holidays: CalendarDayEntry[];
  makeUpWorkdays: CalendarDayEntry[];
  version: number;
}

/** Art 7(四): the city bureau approved an application; the registry recognises the park (or adds the sub-park). */
export interface ApplicationApprovedPayload {
  applicationId: string;
  parkId: string;
  kind: 'RECOGNITION' | 'SUB_PARK';
  /** 批复文号, e.g. 长人社函〔2026〕12号. */
  approvalDocumentNo: string;
  approvedOn: string;
  /** The facts frozen at submission, from which the registry records sites and institutions. */
  facts: DeclaredFacts;
  /** For SUB_PARK: the site the approval adds. */
  subPark: DeclaredSite | null;
  /**
   * Art 9 one-time award (integer fen) under the policy version in force for the park on the
   * approval day; null for a SUB_PARK approval, which brings no award.
   */
  recognitionAwardFen: string | null;
  /** The policy version the award amount comes from. */
  policyVersionCode: string;
}

/** Who a notification is for: everyone holding the role, within the county or park when given. */
export interface NotificationAudience {
  role: 'CITY_BUREAU' | 'COUNTY_BUREAU' | 'PARK_OPERATOR' | 'REVIEWER' | 'FINANCE' | 'DATA_TEAM';
  countyCode?: string;
  parkId?: string;
  /** One person (JWT subject), e.g. an assigned reviewer. */
  subject?: string;
}

export interface NotificationRequestedPayload {
  /** Same key, same notification: a retried transition never notifies twice. */
  dedupeKey: string;
  audience: NotificationAudience;
  category: string;
  title: string;
  body: string;
  /** Where in a frontend the action is, e.g. /applications/<id>. */
  link: string | null;
}

/**
 * A policy version as it now stands (created, or its end date set), whole, so a consumer's copy is
 * an upsert by code and a replay changes nothing. Funding computes Art 10 subsidies from its copy.
 */
export interface PolicyVersionChangedPayload {
  version: PolicyVersion;
}

/**
 * A park's yearly assessment was graded (Art 20). `INITIAL` then `REASSESSMENT` after a
 * rectification; the cycle's final grade is the last one with outcome FINAL.
 * - FINAL, EXCELLENT/QUALIFIED: the year's operating subsidy is released;
 * - RECTIFICATION_ORDERED (an UNQUALIFIED initial grade): the subsidy is held until the re-assessment;
 * - FINAL, UNQUALIFIED (the re-assessment failed): the cycle's subsidy is cancelled.
 */
export interface AssessmentGradedPayload {
  assessmentId: string;
  cycleId: string;
  parkId: string;
  /** The year assessed (the subsidy year). */
  year: number;
  phase: 'INITIAL' | 'REASSESSMENT';
  /** Decimal string with two places, e.g. "92.50". */
  totalScore: string;
  grade: Grade;
  outcome: 'FINAL' | 'RECTIFICATION_ORDERED';
  /** YYYY-MM-DD, Asia/Shanghai; set with RECTIFICATION_ORDERED. */
  rectificationDeadline: string | null;
  /** YYYY-MM-DD, Asia/Shanghai. */
  gradedOn: string;
}

/** Art 20(二): two consecutive yearly cycles with final grade UNQUALIFIED; the registry revokes the park. */
export interface ParkRevocationDecidedPayload {
  parkId: string;
  /** The two consecutive years assessed, e.g. [2025, 2026]. */
  years: [number, number];
  /** The assessment whose final grade decided it. */
  assessmentId: string;
  /** Chinese, for the status history, e.g. "连续两次考核评估不合格（2025、2026年度）". */
  reason: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  decidedOn: string;
}

export interface EventPayloads {
  'registry.park-profile-changed': ParkProfileChangedPayload;
  'registry.calendar-changed': CalendarChangedPayload;
  'applications.application-approved': ApplicationApprovedPayload;
  'notification.requested': NotificationRequestedPayload;
  'applications.policy-version-changed': PolicyVersionChangedPayload;
  'assessment.assessment-graded': AssessmentGradedPayload;
  'assessment.park-revocation-decided': ParkRevocationDecidedPayload;
}

/** What travels on the queue: the outbox row, as written. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  source: ServiceName;
  aggregateId: string;
  occurredAt: string;
  payload: EventPayloads[T];
}

/**
 * Who reacts to what. The relay fans an event out to one queue per subscriber; a subscriber
 * without a handler fails the job loudly, so add a subscriber here together with its handler.
 */
export const EVENT_SUBSCRIPTIONS: { readonly [T in EventType]: readonly ServiceName[] } = {
  'registry.park-profile-changed': ['applications', 'funding', 'assessment'],
  'registry.calendar-changed': ['applications', 'assessment'],
  'applications.application-approved': ['registry', 'funding'],
  'notification.requested': ['notifications'],
  'applications.policy-version-changed': ['funding'],
  'assessment.assessment-graded': ['funding'],
  'assessment.park-revocation-decided': ['registry'],
};

export function subscribersOf(type: EventType): readonly ServiceName[] {
  return EVENT_SUBSCRIPTIONS[type] ?? [];
}

/** One inbound event queue per consuming service. */
export function eventQueueName(service: ServiceName): string {
  return `events.${service}`;
}
