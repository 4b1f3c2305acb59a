import { runSeed } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { notificationsService } from './service';

runSeed(notificationsService, readConfig());
