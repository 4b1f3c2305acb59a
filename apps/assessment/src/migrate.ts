import { runMigrate } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { assessmentService } from './service';

runMigrate(assessmentService, readConfig());
