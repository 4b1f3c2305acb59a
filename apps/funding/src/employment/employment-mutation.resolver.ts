import type { MutationResolvers } from '../generated/graphql';
import { correctEmploymentReport, reportEmployment } from './report-employment';
import { verifyEmploymentReport } from './verify-employment';
import { setYearlyTargets } from './yearly-targets';

export const Mutation: MutationResolvers = {
  setYearlyTargets: (_parent, args, context) => setYearlyTargets(context, args),
  reportEmployment: (_parent, args, context) => reportEmployment(context, args),
  correctEmploymentReport: (_parent, { reportId, expectedVersion, ...input }, context) => correctEmploymentReport(context, reportId, expectedVersion, input),
  verifyEmploymentReport: (_parent, { reportId, expectedVersion, decision, reason }, context) => verifyEmploymentReport(context, reportId, expectedVersion, decision, reason),
};
