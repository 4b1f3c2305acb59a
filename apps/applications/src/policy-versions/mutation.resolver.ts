import { shanghaiDate } from '@cz/calendar';
import type { MutationResolvers } from '../generated/graphql';
import { toPolicyVersionGraph } from './policy-repository';
import { PolicyVersionService } from './policy-version.service';

export const Mutation: MutationResolvers = {
  createPolicyVersion: async (_parent, { input }, { identity, requestId, now, dataSource }) =>
    toPolicyVersionGraph(await new PolicyVersionService(dataSource).create({ identity, requestId, today: shanghaiDate(now()) }, input)),

  endPolicyVersion: async (_parent, { code, effectiveTo }, { identity, requestId, now, dataSource }) =>
    toPolicyVersionGraph(await new PolicyVersionService(dataSource).end({ identity, requestId, today: shanghaiDate(now()) }, code, effectiveTo)),
};
