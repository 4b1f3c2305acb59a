import { runMigrate } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { notificationsService } from './service';

runMigrate(notificationsService, readConfig());
