import { recordEvent } from '@cz/events';
import { EVENT_TYPES, type NotificationAudience } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

export type ReportStep = 'reported' | 'verified' | 'returned';

/** Asks the notifications service to tell someone about a report; one notice per report, version and step. */
export async function notifyAboutReport(manager: EntityManager, reportId: string, version: number, step: ReportStep, audience: NotificationAudience, title: string, body: string): Promise<void> {
  await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, reportId, {
    dedupeKey: `employment-report:${reportId}:${version}:${step}`,
    audience,
    category: 'funding',
    title,
    body,
    link: `/funding/employment-reports/${reportId}`,
  });
}
