import { authorize } from '@cz/auth';
import { countyCode } from '@cz/policy';
import type { QueryResolvers } from '../generated/graphql';
import { findPolicyInForce, toPolicyVersion, toPolicyVersionGraph } from './policy-repository';
import { PolicyVersionEntity } from './policy-version.entity';

export const Query: QueryResolvers = {
  policyVersions: async (_parent, _args, { identity, dataSource }) => {
    authorize(identity, 'policy.read');
    const rows = await dataSource.getRepository(PolicyVersionEntity).find({ order: { effectiveFrom: 'DESC', code: 'ASC' } });
    return rows.map((row) => toPolicyVersionGraph(toPolicyVersion(row)));
  },

  policyInForce: async (_parent, { countyCode: county, on }, { identity, dataSource }) => {
    authorize(identity, 'policy.read');
    countyCode('countyCode', county);
    const version = await findPolicyInForce(dataSource.manager, county, on);
    return version ? toPolicyVersionGraph(version) : null;
  },
};
