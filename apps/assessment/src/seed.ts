import { runSeed } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { assessmentService } from './service';

runSeed(assessmentService, readConfig());
