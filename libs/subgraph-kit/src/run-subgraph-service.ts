import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { ensureDatabase, migrate } from '@cz/db';
import { createRedisConnection, type EventHandlers, OutboxRelay, startEventConsumer } from '@cz/events';
import { createLogger, type Logger } from '@cz/logging';
import type { ServiceName } from '@cz/queue-contracts';
import { createClock } from '@cz/runtime';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Router } from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { deniedAttemptsAudit, fileDenialAudit } from './audit/denied-attempts.plugin';
import { mutationAuditCheck } from './audit/mutation-audit-check.plugin';
import type { SubgraphConfig } from './subgraph-config';
import { type RunningSubgraph, type SubgraphContext, startSubgraph } from './subgraph-server';

export interface SubgraphServiceDefinition<C extends SubgraphContext> {
  service: ServiceName;
  /** Process name in logs and health answers, e.g. `park-registry`. */
  displayName: string;
  schema: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  createDataSource: (url: string, onQueryError: (message: string) => void) => DataSource;
  buildContext: (base: SubgraphContext, dataSource: DataSource) => C;
  /** Domain events this service reacts to; a service with none runs no consumer. */
  eventHandlers?: EventHandlers;
  /** Loads the demo data set when the service's own tables are empty; returns rows written. */
  seedDemo?: (dataSource: DataSource) => Promise<number>;
  /**
   * Long-running work of the service besides serving GraphQL and consuming events (e.g. sending
   * e-mail from its own queue); started after the consumer, stopped before it.
   */
  background?: (deps: { dataSource: DataSource; connection: Redis; queuePrefix: string; logger: Logger }) => Promise<{ stop: () => Promise<void> }>;
  /** Routes under /files (see SubgraphOptions.fileRoutes), given the service's data source. */
  fileRoutes?: (router: Router, dataSource: DataSource, logger: Logger) => void;
}

export interface RunningSubgraphService extends RunningSubgraph {
  dataSource: DataSource;
  relay: OutboxRelay;
  consumer?: Worker;
  logger: Logger;
  /** Mutations that changed data without an audit row since start (should stay empty; tests insist). */
  unauditedMutations: readonly string[];
}

/**
 * The life of one subgraph process: database and migrations first (a service never serves an old
 * schema), then the outbox relay and event consumer, then HTTP. `stop` undoes it in reverse.
 */
export async function runSubgraphService<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, config: SubgraphConfig, logger = createLogger(definition.displayName, config.LOG_LEVEL)): Promise<RunningSubgraphService> {
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = definition.createDataSource(config.DATABASE_URL, (message) => logger.error({ dbError: message }, 'query failed'));
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
  if (config.SEED_DEMO_ON_EMPTY && definition.seedDemo) {
    const written = await definition.seedDemo(dataSource);
    if (written > 0) logger.info({ rows: written }, 'loaded the demo data set');
  }

  const redis = createRedisConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const relay = new OutboxRelay({ dataSource, service: definition.service, schema: definition.schema, connection: redis, queuePrefix: config.QUEUE_PREFIX, onError: (error) => logger.error({ err: error }, 'outbox relay failed; retrying') });
  relay.start();
  const consumer = definition.eventHandlers
    ? startEventConsumer({ dataSource, service: definition.service, schema: definition.schema, connection: redis, queuePrefix: config.QUEUE_PREFIX, handlers: definition.eventHandlers, onError: (error, job) => logger.error({ err: error, eventId: job?.id }, 'event handling failed') })
    : undefined;

  const clock = createClock(config.CLOCK_OFFSET_MS);
  const unauditedMutations: string[] = [];
  const background = await definition.background?.({ dataSource, connection: redis, queuePrefix: config.QUEUE_PREFIX, logger });
  const subgraph = await startSubgraph<C>({
    service: definition.displayName,
    port: config.PORT,
    typeDefs: definition.typeDefs,
    resolvers: definition.resolvers,
    internalIdentityKeys: config.INTERNAL_IDENTITY_KEYS,
    logger,
    clock,
    buildContext: (base) => definition.buildContext(base, dataSource),
    plugins: [deniedAttemptsAudit<C>(dataSource, definition.schema), mutationAuditCheck<C>((fields) => unauditedMutations.push(...fields))],
    fileRoutes: definition.fileRoutes
      ? (router) => {
          router.use(fileDenialAudit(dataSource, definition.schema));
          definition.fileRoutes?.(router, dataSource, logger);
        }
      : undefined,
    readiness: {
      postgres: async () => {
        await dataSource.query('SELECT 1');
      },
      redis: async () => {
        await redis.ping();
      },
    },
  });
  logger.info({ url: subgraph.url }, `${definition.displayName} ready`);

  return {
    ...subgraph,
    dataSource,
    relay,
    consumer,
    logger,
    unauditedMutations,
    stop: async () => {
      await subgraph.stop();
      await background?.stop();
      await consumer?.close();
      await relay.stop();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}
