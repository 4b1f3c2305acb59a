import { runSubgraphMain } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { fundingService } from './service';

runSubgraphMain(fundingService, readConfig);
