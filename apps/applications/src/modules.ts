import { policyVersionsModule } from './policy-versions/module';
import { publicityModule } from './publicity/module';
import { workflowModule } from './workflow/module';

/** The applications service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [policyVersionsModule, workflowModule, publicityModule];
