import { cyclesModule } from './cycles/module';
import { workflowModule } from './workflow/module';

/** The assessment service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [workflowModule, cyclesModule];
