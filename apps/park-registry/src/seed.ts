import { runSeed } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { registryService } from './service';

runSeed(registryService, readConfig());
