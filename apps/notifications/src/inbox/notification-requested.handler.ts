import type { EventHandler } from '@cz/events';
import { SCHEMA } from '../config';

/**
 * Turns a `notification.requested` event into the notification and its e-mail deliveries, inside
 * the consumer's inbox transaction. The dedupe key makes a second request for the same thing (a
 * retried transition, a replayed event) a no-op, deliveries included.
 */
export const notificationRequested: EventHandler<'notification.requested'> = async (event, manager) => {
  const { dedupeKey, audience, category, title, body, link } = event.payload;
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO "${SCHEMA}"."notification" ("dedupe_key", "audience_role", "audience_county_code", "audience_park_id", "audience_subject", "category", "title", "body", "link")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id"`,
    [dedupeKey, audience.role, audience.countyCode ?? null, audience.parkId ?? null, audience.subject ?? null, category, title, body, link ?? null],
  );
  // The directory holds office mailboxes, none per person: a notification for one person stays in-app.
  if (inserted.length === 0 || audience.subject) return;
  // A contact without a county (park) receives its role's mail for every county (park); one
  // mailbox listed twice still gets one e-mail.
  await manager.query(
    `INSERT INTO "${SCHEMA}"."email_delivery" ("notification_id", "contact_id", "email")
     SELECT DISTINCT ON (c.email) $1::uuid, c.id, c.email FROM "${SCHEMA}"."notification_contact" c
      WHERE c.active AND c.role = $2
        AND ($3::varchar IS NULL OR c.county_code IS NULL OR c.county_code = $3)
        AND ($4::uuid IS NULL OR c.park_id IS NULL OR c.park_id = $4)
      ORDER BY c.email, c.created_at
     ON CONFLICT ("notification_id", "email") DO NOTHING`,
    [inserted[0].id, audience.role, audience.countyCode ?? null, audience.parkId ?? null],
  );
};
