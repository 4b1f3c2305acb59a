import { runSubgraphMain } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { assessmentService } from './service';

runSubgraphMain(assessmentService, readConfig);
