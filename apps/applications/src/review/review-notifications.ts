import { recordEvent } from '@cz/events';
import { EVENT_TYPES, type NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

export interface Notice {
  /** Names the step, e.g. `countyPass` or `panelAssigned.<subject>`; part of the dedupe key. */
  action: string;
  audience: NotificationAudience;
  title: string;
  body: string;
}

/**
 * Asks the notifications service to tell whoever must act next. The key names the application,
 * the step and the application's version after it, so a retried step never notifies twice.
 */
export async function requestNotification(manager: EntityManager, application: { id: string; version: number }, notice: Notice): Promise<void> {
  await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, application.id, {
    dedupeKey: `application:${application.id}:${notice.action}:${application.version}`,
    audience: notice.audience,
    category: 'application',
    title: notice.title,
    body: notice.body,
    link: `/applications/${application.id}`,
  });
}
