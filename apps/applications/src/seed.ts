import { runSeed } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { applicationsService } from './service';

runSeed(applicationsService, readConfig());
