import { runSubgraphMain } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { notificationsService } from './service';

runSubgraphMain(notificationsService, readConfig);
