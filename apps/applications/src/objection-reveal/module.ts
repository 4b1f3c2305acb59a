import { maskContact, maskName } from '@cz/auth';
import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { revealObjectionContact } from './reveal-objection-contact';

const resolvers: Resolvers = {
  Mutation: {
    revealObjectionContact: (_parent, { objectionId, reason }, context) => revealObjectionContact(objectionId, reason, context),
  },
  // Art 17: masked for every reader, the city bureau included; whole only through the logged reveal.
  Objection: {
    filerName: (objection) => (objection.filerName ? maskName(objection.filerName) : null),
    contact: (objection) => maskContact(objection.contact),
  },
};

/** Objection filers' personal data shown whole only on an explicit, logged request (issue 6). */
export const objectionRevealModule: SubgraphModule = { resolvers, entities: [] };
