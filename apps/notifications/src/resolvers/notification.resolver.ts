import type { Context } from '../context';
import type { NotificationResolvers } from '../generated/graphql';
import { addressedNotificationById, readMarkByNotification } from '../loaders';

export const Notification: NotificationResolvers = {
  // The _entities path bypasses the inbox query, so it reads through the same audience filter:
  // a notification addressed to someone else resolves to null, as if it did not exist.
  __resolveReference: (reference: { id: string }, context: Context) => addressedNotificationById(context).load(reference.id),
  read: async (notification, _args, context) => (await readMarkByNotification(context).load(notification.id)) !== null,
};
