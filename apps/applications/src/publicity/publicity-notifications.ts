import { recordEvent } from '@cz/events';
import type { NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

export const CITY_BUREAU: NotificationAudience = { role: 'CITY_BUREAU' };

export interface PublicityNotification {
  /** Same key, same notification: a retried or re-run step never notifies twice. */
  dedupeKey: string;
  audience: NotificationAudience;
  title: string;
  body: string;
  link: string;
}

/**
 * Asks the notifications service (through the outbox, in the caller's transaction) to tell someone.
 * Bodies name parks and applications, never an objection's filer or contact.
 */
export async function notify(manager: EntityManager, aggregateId: string, notification: PublicityNotification): Promise<void> {
  await recordEvent(manager, SCHEMA, 'notification.requested', aggregateId, { ...notification, category: 'publicity' });
}

/** The park's operator and its county bureau: both act on what happens to the park's application. */
export function parkAudiences(parkId: string, countyCode: string): Array<{ suffix: string; audience: NotificationAudience }> {
  return [
    { suffix: 'park', audience: { role: 'PARK_OPERATOR', parkId } },
    { suffix: 'county', audience: { role: 'COUNTY_BUREAU', countyCode } },
  ];
}

export const publicityLink = (publicityId: string) => `/publicity/${publicityId}`;
export const applicationLink = (applicationId: string) => `/applications/${applicationId}`;
