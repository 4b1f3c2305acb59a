import { LOCAL_DEFAULTS } from '@cz/config';
import { createLogger } from '@cz/logging';
import { type RunningSubgraphService, runSubgraphService, type SubgraphContext, type SubgraphServiceDefinition } from '@cz/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@cz/test-infra';
import { deleteQueueKeys, TEST_REDIS_URL, testQueuePrefix } from '@cz/test-infra';

export interface TestSubgraph {
  service: RunningSubgraphService;
  database: TestDatabase;
  queuePrefix: string;
  url: string;
  close: () => Promise<void>;
}

/**
 * Runs a real subgraph process-in-process: its own fresh database with migrations applied, real
 * Redis under its own prefix, real HTTP on a free port.
 */
export async function startTestSubgraph<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, options: { database?: TestDatabase; queuePrefix?: string; seedDemo?: boolean; clockOffsetMs?: number } = {}): Promise<TestSubgraph> {
  const database = options.database ?? (await createTestDatabase(definition.service));
  const queuePrefix = options.queuePrefix ?? testQueuePrefix(definition.service);
  const service = await runSubgraphService(
    definition,
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: 0,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      INTERNAL_IDENTITY_KEYS: [LOCAL_DEFAULTS.internalIdentityKey],
      SEED_DEMO_ON_EMPTY: options.seedDemo ?? false,
      CLOCK_OFFSET_MS: options.clockOffsetMs ?? 0,
    },
    createLogger(definition.displayName, process.env.TEST_LOG_LEVEL ?? 'silent'),
  );
  return {
    service,
    database,
    queuePrefix,
    url: service.url,
    close: async () => {
      await service.stop();
      if (!options.database) await database.drop();
      if (!options.queuePrefix) await deleteQueueKeys(queuePrefix);
      // Every mutation a suite ran that changed data must have written its audit row (issue 6).
      if (service.unauditedMutations.length > 0) throw new Error(`mutations changed data without an audit row: ${[...new Set(service.unauditedMutations)].join(', ')}`);
    },
  };
}
