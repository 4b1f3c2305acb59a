import { runSubgraphMain } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { applicationsService } from './service';

runSubgraphMain(applicationsService, readConfig);
