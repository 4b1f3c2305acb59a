import { runSubgraphMain } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { registryService } from './service';

runSubgraphMain(registryService, readConfig);
