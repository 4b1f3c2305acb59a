import { auditLogExportModule } from '@cz/exports';
import { auditLogModule } from '@cz/subgraph-kit';
import { declarationModule } from './declaration/module';
import { exportsModule } from './exports/module';
import { objectionRevealModule } from './objection-reveal/module';
import { policyVersionsModule } from './policy-versions/module';
import { publicityModule } from './publicity/module';
import { reviewModule } from './review/module';
import { statisticsModule } from './statistics/module';

/** The applications service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [policyVersionsModule, declarationModule, reviewModule, publicityModule, statisticsModule, auditLogModule('applications'), auditLogExportModule('applications', 'applications'), objectionRevealModule, exportsModule];
