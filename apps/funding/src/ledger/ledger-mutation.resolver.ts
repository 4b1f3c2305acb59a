import type { MutationResolvers } from '../generated/graphql';
import { confirmPayment } from './confirm-payment';
import { correctLedgerEntry } from './correct-entry';
import { toLedgerEntry } from './ledger-entries';
import { recordSpending } from './record-spending';
import { reviewSpending } from './review-spending';

export const Mutation: MutationResolvers = {
  confirmPayment: async (_parent, args, context) => toLedgerEntry(await confirmPayment(context, args)),
  recordSpending: async (_parent, { awardId, input }, context) => toLedgerEntry(await recordSpending(context, awardId, input)),
  reviewSpending: async (_parent, { entryId, decision, reason }, context) => toLedgerEntry(await reviewSpending(context, entryId, decision, reason)),
  correctLedgerEntry: async (_parent, { entryId, reason }, context) => toLedgerEntry(await correctLedgerEntry(context, entryId, reason)),
};
