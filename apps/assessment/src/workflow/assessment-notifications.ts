import { recordEvent } from '@cz/events';
import { EVENT_TYPES, type NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

export interface Notice {
  /** Names the step and, when one step tells several people, the recipient; part of the dedupe key. */
  action: string;
  audience: NotificationAudience;
  title: string;
  body: string;
}

/**
 * Asks the notifications service to tell someone about an assessment. The key names the assessment,
 * the step and the assessment's version it was taken from, so a retried step never notifies twice.
 */
export async function notifyAboutAssessment(manager: EntityManager, assessment: { id: string; version: number }, notices: readonly Notice[]): Promise<void> {
  for (const notice of notices) {
    await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, assessment.id, {
      dedupeKey: `assessment:${assessment.id}:${notice.action}:${assessment.version}`,
      audience: notice.audience,
      category: 'assessment',
      title: notice.title,
      body: notice.body,
      link: `/assessments/${assessment.id}`,
    });
  }
}
