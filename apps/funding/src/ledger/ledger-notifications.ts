import { recordEvent } from '@cz/events';
import { EVENT_TYPES, type NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

export type LedgerStep = 'payment-confirmed' | 'spending-recorded' | 'spending-returned' | 'corrected';

/** Asks the notifications service to tell someone about an entry; one notice per entry and step, however often retried. */
export async function notifyAboutEntry(manager: EntityManager, awardId: string, entryId: string, step: LedgerStep, audience: NotificationAudience, title: string, body: string): Promise<void> {
  await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, awardId, {
    dedupeKey: `ledger-entry:${entryId}:${step}`,
    audience,
    category: 'funding',
    title,
    body,
    link: `/funding/awards/${awardId}`,
  });
}
