import type { SubgraphModule } from '@cz/subgraph-kit';
import { evidenceFilesOfReport } from '../evidence/evidence.resolver';
import type { Resolvers } from '../generated/graphql';
import { EmploymentReport, Park } from './employment-report.resolver';
import { EmploymentReportEntity } from './employment-report.entity';
import { Mutation } from './employment-mutation.resolver';
import { Query } from './employment-query.resolver';
import { YearlyTargetEntity } from './yearly-target.entity';

const resolvers: Resolvers = { Query, Mutation, EmploymentReport: { ...EmploymentReport, evidenceFiles: evidenceFilesOfReport }, Park };

/** Art 10 inputs: the city's yearly targets and each park's verified employment-promotion count (issue 4). */
export const employmentModule: SubgraphModule = { resolvers, entities: [YearlyTargetEntity, EmploymentReportEntity] };
