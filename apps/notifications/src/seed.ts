import { runSeedCommand } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { notificationsService } from './service';

// No scaled part: notifications come from people using the system, never from history.
runSeedCommand(notificationsService, readConfig());
