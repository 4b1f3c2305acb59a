import { onShutdown } from '@cz/runtime';
import { runSubgraphService } from '@cz/subgraph-kit';
import { readConfig } from './config';
import { applicationsService } from './service';

async function main() {
  const running = await runSubgraphService(applicationsService, readConfig());
  onShutdown(running.logger, running.stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
