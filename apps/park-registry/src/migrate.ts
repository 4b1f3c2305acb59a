import { runMigrate } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { registryService } from './service';

runMigrate(registryService, readConfig());
