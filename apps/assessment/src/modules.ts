import { auditLogExportModule } from '@cz/exports';
import { auditLogModule } from '@cz/subgraph-kit';
import { cyclesModule } from './cycles/module';
import { exportsModule } from './exports/module';
import { statisticsModule } from './statistics/module';
import { workflowModule } from './workflow/module';

/** The assessment service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [workflowModule, cyclesModule, auditLogModule('assessment'), auditLogExportModule('assessment', 'assessment'), exportsModule, statisticsModule];
