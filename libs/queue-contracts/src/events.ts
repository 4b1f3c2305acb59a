import type { DeclaredFacts, DeclaredSite } from '@cz/policy';
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

export interface EventPayloads {
  'registry.park-profile-changed': ParkProfileChangedPayload;
  'registry.calendar-changed': CalendarChangedPayload;
  'applications.application-approved': ApplicationApprovedPayload;
  'notification.requested': NotificationRequestedPayload;
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
  'registry.calendar-changed': ['applications'],
  'applications.application-approved': ['registry', 'funding'],
  'notification.requested': ['notifications'],
};

export function subscribersOf(type: EventType): readonly ServiceName[] {
  return EVENT_SUBSCRIPTIONS[type] ?? [];
}

/** One inbound event queue per consuming service. */
export function eventQueueName(service: ServiceName): string {
  return `events.${service}`;
}
