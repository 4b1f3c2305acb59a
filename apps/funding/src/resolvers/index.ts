import { DateScalar, DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { MoneyScalar } from '../money.scalar';
import { FundingAward } from './funding-award.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Money: MoneyScalar, Query, Park, FundingAward };
