import { loaderByKey, perRequest } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { Context } from './context';
import { NotificationReadEntity } from './entities/notification-read.entity';
import { addressedNotifications } from './inbox/inbox-queries';

/**
 * Every loader of this service depends on the reader (what is addressed to them, what they have
 * read), and createLoaders sees only the data source: they are made per request from the context below.
 */
export function createLoaders(_dataSource: DataSource): Record<string, never> {
  return {};
}
export type NotificationsLoaders = ReturnType<typeof createLoaders>;

/** Notifications by id as the reader may see them (others' are null), one statement per batch. */
export const addressedNotificationById = perRequest(({ identity, dataSource }: Context) => loaderByKey((ids: readonly string[]) => addressedNotifications(dataSource, identity, ids), (notification) => notification.id));

/** The reader's read marks for a page of notifications, in one statement. */
export const readMarkByNotification = perRequest(({ identity, dataSource }: Context) =>
  loaderByKey(
    (ids: readonly string[]) =>
      dataSource.getRepository(NotificationReadEntity).createQueryBuilder('mark').where('mark.subject = :subject AND mark.notification_id = ANY(:ids)', { subject: identity.subject, ids }).getMany(),
    (mark) => mark.notificationId,
  ),
);
