import { recordEvent } from '@cz/events';
import { EVENT_TYPES, type NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

/**
 * Asks the notifications service to tell someone about a subsidy. `step` names the change (the
 * award's version after it, or the cause of a withheld change), so a retried transaction — or a
 * replayed event — never notifies twice.
 */
export async function notifyAboutSubsidy(manager: EntityManager, awardId: string, step: string, audience: NotificationAudience, title: string, body: string): Promise<void> {
  await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, awardId, {
    dedupeKey: `operating-subsidy:${awardId}:${step}:${audience.role}`,
    audience,
    category: 'funding',
    title,
    body,
    link: `/funding/awards/${awardId}`,
  });
}
