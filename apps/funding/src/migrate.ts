import { runMigrate } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { fundingService } from './service';

runMigrate(fundingService, readConfig());
