import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { revealParkContact } from './reveal-park-contact';

const resolvers: Resolvers = {
  Mutation: {
    revealParkContact: (_parent, { parkId, reason }, context) => revealParkContact(parkId, reason, context),
  },
};

/** Personal data of parks shown whole only on an explicit, logged request (issue 6). */
export const contactRevealModule: SubgraphModule = { resolvers, entities: [] };
