import { createLogger } from '@cz/logging';
import { onShutdown } from '@cz/runtime';
import { readConfig } from './config';
import { startGateway } from './gateway-server';

async function main() {
  const config = readConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const gateway = await startGateway(config, logger);
  logger.info({ url: gateway.url }, 'gateway ready');
  onShutdown(logger, gateway.stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
