import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Identity } from '@cz/auth';
import { createUserTokenVerifier } from '@cz/identity-tokens';
import type { Logger } from '@cz/logging';
import { closeServer, createHttpService, listen } from '@cz/runtime';
import { httpErrorHandler, isInternal } from '@cz/subgraph-kit';
import express from 'express';
import IORedis from 'ioredis';
import { authenticate } from './authenticate';
import { dashboardRoute } from './dashboard/dashboard-route';
import { fileProxy } from './file-proxy';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './gateway-context';
import { formatGatewayError } from './gateway-refusal';
import { IdentityForwardingDataSource } from './identity-data-source';
import { operationGate, readManifest } from './operation-gate';
import { queryLimitRules, queryLimitsOf } from './query-limits';
import { RedisRateLimiter, rateLimitPlugin } from './rate-limit';

export const SUPERGRAPH_FILE = join(__dirname, '..', 'supergraph.graphql');

export interface RunningGateway {
  url: string;
  server: Server;
  stop: () => Promise<void>;
}

/**
 * Logs every request with its id and, for errors the client will only see masked, the original
 * error — the id in the client's response is how support finds this line.
 */
function requestLogging(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = Date.now();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isInternal({ message: error.message, extensions: error.extensions }, error)) {
              contextValue.logger.error({ requestId: contextValue.requestId, err: error.originalError ?? error, path: error.path }, 'internal error (masked for the client)');
            }
          }
        },
        async willSendResponse({ response, operationName }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            for (const error of response.body.singleResult.errors) {
              (error.extensions as Record<string, unknown> | undefined) ??= {};
              Object.assign(error.extensions as Record<string, unknown>, { requestId: contextValue.requestId });
            }
          }
          contextValue.logger.info({ requestId: contextValue.requestId, operationName, role: contextValue.identity.role, subject: contextValue.identity.subject, ms: Date.now() - started, errors: response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0 }, 'graphql request');
        },
      };
    },
  };
}

export async function startGateway(config: GatewayConfig, logger: Logger, supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8')): Promise<RunningGateway> {
  const production = config.NODE_ENV === 'production';
  const urls: Record<string, string> = { registry: config.REGISTRY_URL, applications: config.APPLICATIONS_URL, funding: config.FUNDING_URL, assessment: config.ASSESSMENT_URL, notifications: config.NOTIFICATIONS_URL };
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = urls[name] ?? url;
      if (!target) throw new Error(`no URL configured for subgraph ${name}`);
      return new IdentityForwardingDataSource(target, config.INTERNAL_IDENTITY_KEYS[0]);
    },
  });

  const manifest = readManifest();
  if (config.OPERATION_ALLOWLIST === 'enforce' && Object.keys(manifest).length === 0) {
    // Enforcing an empty list would refuse every request: a deployment mistake, not a policy.
    throw new Error('OPERATION_ALLOWLIST=enforce, but apps/gateway/persisted-operations.json holds no operations (run `npm run persisted-operations`)');
  }
  // Rate-limit counters only: fail fast rather than queue commands while Redis is away (see rateLimitPlugin).
  const redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'Redis (rate limits) unavailable'));
  const rateLimits = { mutations: config.RATE_LIMIT_MUTATIONS, publicMutations: config.RATE_LIMIT_PUBLIC };
  const limits = queryLimitsOf(config);

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    // Shutdown is onShutdown's: Apollo's own handler would stop the server and re-send the signal,
    // which reads as a second Ctrl-C and turns a clean exit into exit code 1.
    stopOnTerminationSignals: false,
    // In production the schema is the frontends' business, not the public's.
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    validationRules: queryLimitRules(limits),
    plugins: [requestLogging(), rateLimitPlugin(new RedisRateLimiter(redis, config.QUEUE_PREFIX), rateLimits, logger)],
  });
  await apollo.start();

  const verify = createUserTokenVerifier({ secret: config.JWT_SECRET, jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const app = createHttpService({
    service: 'gateway',
    readiness: Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [
        name,
        async () => {
          const response = await fetch(new URL('/health', url));
          if (!response.ok) throw new Error(`health answered ${response.status}`);
        },
      ]),
    ),
  });
  app.set('trust proxy', config.TRUST_PROXY === 'false' ? false : /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  // Uploads and downloads of materials: same authentication, identity forwarded as for GraphQL.
  app.use('/files', authenticate(verify, logger), fileProxy(urls, config.INTERNAL_IDENTITY_KEYS[0], logger));
  app.use('/dashboard', dashboardRoute());
  app.use(
    '/graphql',
    express.json({ limit: config.BODY_LIMIT }),
    authenticate(verify, logger),
    operationGate({ manifest, mode: config.OPERATION_ALLOWLIST, maxTokens: limits.maxTokens, logger }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = res.locals.requestId as string;
        return { identity: res.locals.identity as Identity, requestId, logger: logger.child({ requestId }) };
      },
    }),
  );
  // An oversized or malformed body gets a GraphQL-shaped answer, not express's HTML page (with its stack).
  app.use(httpErrorHandler(logger));

  const server = await listen(app, config.GATEWAY_PORT);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  return {
    url: `http://localhost:${port}/graphql`,
    server,
    stop: async () => {
      await apollo.stop();
      await closeServer(server);
      redis.disconnect();
    },
  };
}
