import { authorize, type Identity } from '@cz/auth';
import { recordAudit } from '@cz/db';
import { BadUserInputError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import { NotificationEntity } from '../entities/notification.entity';

/**
 * Whether notification `n` is addressed to the reader: the role is theirs, and each narrowing the
 * audience has (county, park, person) is theirs too. An absent jurisdiction on the reader compares
 * as NULL, so such a reader sees only notifications without that narrowing.
 */
const ADDRESSED_TO_READER = `n.audience_role = :readerRole
  AND (n.audience_county_code IS NULL OR n.audience_county_code = :readerCounty)
  AND (n.audience_park_id IS NULL OR n.audience_park_id = :readerPark)
  AND (n.audience_subject IS NULL OR n.audience_subject = :readerSubject)`;

const UNREAD_BY_READER = `NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."notification_read" r WHERE r.notification_id = n.id AND r.subject = :readerSubject)`;

/** Enough ids for any page of the inbox; more is a client bug, not a reason for a huge statement. */
const MAX_MARKED_AT_ONCE = 100;

function readerParameters(identity: Identity) {
  return { readerRole: identity.role, readerCounty: identity.countyCode ?? null, readerPark: identity.parkId ?? null, readerSubject: identity.subject };
}

/** The reader's inbox as a query (alias `n`); refuses callers without an inbox (the public, the scheduler). */
export function inboxQuery(dataSource: DataSource, identity: Identity, unreadOnly = false) {
  authorize(identity, 'notification.read');
  const query = dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where(ADDRESSED_TO_READER, readerParameters(identity));
  return unreadOnly ? query.andWhere(UNREAD_BY_READER) : query;
}

/** Notifications by id, only those addressed to the reader (others are as if they did not exist). */
export function addressedNotifications(dataSource: DataSource, identity: Identity, ids: readonly string[]): Promise<NotificationEntity[]> {
  return inboxQuery(dataSource, identity)
    .andWhere('n.id = ANY(:ids)', { ids: ids.filter(isUuid) })
    .getMany();
}

/**
 * Marks the reader's notifications read in one statement; returns how many were not read before.
 * The call is audited with the ids newly marked (an empty list when all were read already).
 */
export async function markRead(dataSource: DataSource, identity: Identity, ids: readonly string[], requestId?: string): Promise<number> {
  authorize(identity, 'notification.read');
  if (ids.length > MAX_MARKED_AT_ONCE) throw new BadUserInputError('ids', `一次最多标记 ${MAX_MARKED_AT_ONCE} 条通知`, { max: MAX_MARKED_AT_ONCE });
  const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
    `INSERT INTO "${SCHEMA}"."notification_read" ("notification_id", "subject")
       SELECT n.id, CAST(:readerSubject AS varchar) FROM "${SCHEMA}"."notification" n WHERE n.id = ANY(:ids) AND ${ADDRESSED_TO_READER}
     ON CONFLICT DO NOTHING RETURNING "notification_id"`,
    { ...readerParameters(identity), ids: ids.filter(isUuid) },
  );
  return dataSource.transaction(async (manager) => {
    const marked: Array<{ notification_id: string }> = await manager.query(sql, parameters);
    const notificationIds = marked.map((row) => row.notification_id);
    await recordAudit(manager, SCHEMA, identity, { operation: 'notification.markRead', targetType: 'Notification', targetId: notificationIds.length === 1 ? notificationIds[0] : '*', changes: { notificationIds }, requestId });
    return notificationIds.length;
  });
}
