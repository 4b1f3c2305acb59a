import { createLogger } from '@cz/logging';
import { onShutdown } from '@cz/runtime';
import { readConfig } from './config';
import { startWorker } from './worker-runtime';

async function main() {
  const config = readConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  const running = await startWorker(config, logger);
  onShutdown(logger, running.stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
