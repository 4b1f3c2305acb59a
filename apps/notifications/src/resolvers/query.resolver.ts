import { paginate } from '@cz/subgraph-kit';
import { ContactDirectory } from '../contacts/contact-directory';
import type { QueryResolvers } from '../generated/graphql';
import { inboxQuery } from '../inbox/inbox-queries';

export const Query: QueryResolvers = {
  // The reader's identity decides what matches; there is no filter by audience to pass.
  myNotifications: (_parent, { first, after, unreadOnly }, { identity, dataSource }) =>
    paginate(inboxQuery(dataSource, identity, unreadOnly ?? false), { first, after }, { column: 'n.created_at', idColumn: 'n.id', direction: 'DESC', idOf: (notification) => notification.id }),

  unreadNotificationCount: (_parent, _args, { identity, dataSource }) => inboxQuery(dataSource, identity, true).getCount(),

  notificationContacts: (_parent, _args, { identity, requestId, dataSource }) => new ContactDirectory(dataSource).list({ identity, requestId }),
};
