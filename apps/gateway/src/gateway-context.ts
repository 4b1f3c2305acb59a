import type { Identity } from '@cz/auth';
import type { Logger } from '@cz/logging';

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
}
