import { runSeedCommand } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { scaledSeeder } from './seed-scaled';
import { registryService } from './service';

runSeedCommand(registryService, readConfig(), scaledSeeder);
