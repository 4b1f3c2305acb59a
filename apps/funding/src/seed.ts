import { runSeed } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { fundingService } from './service';

runSeed(fundingService, readConfig());
