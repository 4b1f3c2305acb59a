import { runSeedCommand } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { scaledSeeder } from './seed-scaled';
import { assessmentService } from './service';

runSeedCommand(assessmentService, readConfig(), scaledSeeder);
