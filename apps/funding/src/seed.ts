import { runSeedCommand } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { scaledSeeder } from './seed-scaled';
import { fundingService } from './service';

runSeedCommand(fundingService, readConfig(), scaledSeeder);
