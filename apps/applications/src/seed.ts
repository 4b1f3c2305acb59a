import { runSeedCommand } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { scaledSeeder } from './seed-scaled';
import { applicationsService } from './service';

runSeedCommand(applicationsService, readConfig(), scaledSeeder);
