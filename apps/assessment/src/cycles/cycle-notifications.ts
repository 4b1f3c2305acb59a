import { recordEvent } from '@cz/events';
import { EVENT_TYPES, type NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

export const CITY_BUREAU: NotificationAudience = { role: 'CITY_BUREAU' };
export const parkOperator = (parkId: string): NotificationAudience => ({ role: 'PARK_OPERATOR', parkId });
export const countyBureau = (countyCode: string): NotificationAudience => ({ role: 'COUNTY_BUREAU', countyCode });

export const cycleLink = (cycleId: string) => `/assessment-cycles/${cycleId}`;
export const assessmentLink = (assessmentId: string) => `/assessments/${assessmentId}`;

export interface CycleNotice {
  /** Names the cycle (or rectification), the occasion and the recipient: a rerun never notifies twice. */
  dedupeKey: string;
  audience: NotificationAudience;
  title: string;
  body: string;
  link: string;
}

/** Asks the notifications service to tell someone, in the caller's transaction (the outbox). */
export async function notify(manager: EntityManager, aggregateId: string, notice: CycleNotice): Promise<void> {
  await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, aggregateId, { ...notice, category: 'assessment' });
}
