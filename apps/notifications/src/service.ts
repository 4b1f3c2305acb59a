import { defineSubgraph } from '@cz/subgraph-kit';
import { type MailConfig, readMailConfig, SCHEMA } from './config';
import { createDataSource } from './data-source';
import { startEmailSender } from './email/email-sender';
import { notificationRequested } from './inbox/notification-requested.handler';
import { createLoaders } from './loaders';
import { modules } from './modules';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

/**
 * The service with its mail settings given explicitly: the subgraph kit builds only the common
 * configuration, so tests pass their own SMTP relay here.
 */
export function createNotificationsService(mail: MailConfig) {
  return defineSubgraph({
    service: 'notifications',
    displayName: 'notifications',
    schema: SCHEMA,
    schemaDirectory: __dirname,
    resolvers,
    createDataSource,
    createLoaders,
    modules,
    eventHandlers: { 'notification.requested': notificationRequested },
    background: (deps) => startEmailSender(deps, mail),
    seedDemo,
  });
}

/** The service as deployed: SMTP_URL and MAIL_FROM from the environment. */
export const notificationsService = createNotificationsService(readMailConfig());
