import { authorize } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
import type { QueryResolvers } from '../generated/graphql';
import { findPolicyInForce, toPolicyVersion, toPolicyVersionGraph } from './policy-repository';
import { PolicyVersionEntity } from './policy-version.entity';

export const Query: QueryResolvers = {
  policyVersions: async (_parent, _args, { identity, dataSource }) => {
    authorize(identity, 'policy.read');
    const rows = await dataSource.getRepository(PolicyVersionEntity).find({ order: { effectiveFrom: 'DESC', code: 'ASC' } });
    return rows.map((row) => toPolicyVersionGraph(toPolicyVersion(row)));
  },

  policyInForce: async (_parent, { countyCode, on }, { identity, dataSource }) => {
    authorize(identity, 'policy.read');
    if (!/^\d{6}$/.test(countyCode)) throw new BadUserInputError('countyCode', '县区代码必须是 6 位行政区划代码');
    const version = await findPolicyInForce(dataSource.manager, countyCode, on);
    return version ? toPolicyVersionGraph(version) : null;
  },
};
