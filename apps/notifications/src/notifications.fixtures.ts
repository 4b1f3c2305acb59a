import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import type { EventEnvelope, NotificationRequestedPayload } from '@cz/queue-contracts';

// Identities, documents and events for the notifications integration test.
export const [luzhouPark] = DEMO_PARKS;
export const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
export const luzhouOfficer: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
export const luzhouColleague: Identity = { subject: 'county-1b', role: 'COUNTY_BUREAU', countyCode: '140403' };
export const shangdangOfficer: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140404' };
export const luzhouOperator: Identity = { subject: 'operator-1', role: 'PARK_OPERATOR', parkId: luzhouPark.id };
export const reviewer: Identity = { subject: 'reviewer-7', role: 'REVIEWER' };
export const otherReviewer: Identity = { subject: 'reviewer-8', role: 'REVIEWER' };

export const INBOX = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount pageInfo { hasNextPage endCursor } edges { node { id category title body link createdAt read } } }
  unreadNotificationCount
}`;
export const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
export const CONTACTS = `{ notificationContacts { id role countyCode parkId email name active createdAt } }`;
export const ADD_CONTACT = `mutation($input: NotificationContactInput!) { addNotificationContact(input: $input) { id role countyCode parkId email name active } }`;
export const DEACTIVATE = `mutation($id: ID!) { deactivateNotificationContact(id: $id) { id active } }`;
export const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id title read } } }`;

export interface NotificationNode {
  id: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}
export type Inbox = { myNotifications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: NotificationNode }> }; unreadNotificationCount: number };
export interface Contact {
  id: string;
  role: string;
  countyCode: string | null;
  parkId: string | null;
  email: string;
  name: string;
  active: boolean;
}

/** A `notification.requested` event as the applications service's relay would send it. */
export function requested(payload: Partial<NotificationRequestedPayload> & Pick<NotificationRequestedPayload, 'dedupeKey' | 'audience'>): EventEnvelope<'notification.requested'> {
  const applicationId = randomUUID();
  return {
    id: randomUUID(),
    type: 'notification.requested',
    source: 'applications',
    aggregateId: applicationId,
    occurredAt: new Date().toISOString(),
    payload: { category: 'APPLICATION_SUBMITTED', title: `申报待初审 ${payload.dedupeKey}`, body: '潞州人力资源服务产业园提交了认定申报，请在 5 个工作日内完成初审。', link: `/applications/${applicationId}`, ...payload },
  };
}
