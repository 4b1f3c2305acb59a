import { ContactDirectory } from '../contacts/contact-directory';
import type { MutationResolvers } from '../generated/graphql';
import { markRead } from '../inbox/inbox-queries';

export const Mutation: MutationResolvers = {
  markNotificationsRead: (_parent, { ids }, { identity, requestId, dataSource }) => markRead(dataSource, identity, ids, requestId),

  addNotificationContact: (_parent, { input }, { identity, requestId, dataSource }) => new ContactDirectory(dataSource).add({ identity, requestId }, input),

  deactivateNotificationContact: (_parent, { id }, { identity, requestId, dataSource }) => new ContactDirectory(dataSource).deactivate({ identity, requestId }, id),
};
