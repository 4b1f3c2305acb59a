import { runMigrate } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { applicationsService } from './service';

runMigrate(applicationsService, readConfig());
