import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import type { Identity } from '@cz/auth';
import { statementTotals, withRequestStats } from '@cz/db';
import { createInternalIdentityVerifier, IDENTITY_HEADER, REQUEST_ID_HEADER } from '@cz/identity-tokens';
import type { Logger } from '@cz/logging';
import { type Clock, closeServer, createHttpService, listen, type ReadinessCheck } from '@cz/runtime';
import express, { type RequestHandler, type Router } from 'express';
import type { DocumentNode } from 'graphql';
import { formatError, httpErrorHandler, isInternal } from './error-boundary';

/** What every subgraph resolver can rely on. Apps extend it with their loaders and data source. */
export interface SubgraphContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
  /** The service's clock: use it, never `new Date()`, for anything compared with a deadline. */
  now: Clock;
}

export interface SubgraphOptions<C extends SubgraphContext> {
  service: string;
  port: number;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  /** Keys whose signatures on the identity header are accepted (current first, then rotated-out). */
  internalIdentityKeys: readonly string[];
  logger: Logger;
  /** Adds the per-request pieces (DataLoaders, repositories) to the verified identity. */
  buildContext: (base: SubgraphContext) => C;
  readiness: Record<string, ReadinessCheck>;
  clock: Clock;
  /** Upper bound of a request body; GraphQL documents and variables here are small. */
  bodyLimit?: string;
  /**
   * Plain HTTP routes under /files (uploads and downloads), behind the same gateway identity check
   * as /graphql: handlers read `res.locals.identity`, `res.locals.requestId` and the service clock `res.locals.now`.
   */
  fileRoutes?: (router: Router) => void;
  /** Further Apollo plugins (e.g. the audit of denied attempts), run after the internal-error log. */
  plugins?: ApolloServerPlugin<C>[];
}

export interface RunningSubgraph {
  url: string;
  server: Server;
  stop: () => Promise<void>;
}

const counters = { requests: 0, unauthenticated: 0, internalErrors: 0 };

/**
 * Starts one subgraph. Every request to /graphql, `_service` and `_entities` included, must carry
 * an identity signed by the gateway; without it the answer is 401 before any GraphQL runs.
 */
export async function startSubgraph<C extends SubgraphContext>(options: SubgraphOptions<C>): Promise<RunningSubgraph> {
  const verifyIdentity = createInternalIdentityVerifier(options.internalIdentityKeys);
  const app = createHttpService({
    service: options.service,
    readiness: options.readiness,
    metrics: () => [
      '# TYPE graphql_requests_total counter',
      `graphql_requests_total ${counters.requests}`,
      '# TYPE graphql_unauthenticated_total counter',
      `graphql_unauthenticated_total ${counters.unauthenticated}`,
      '# TYPE graphql_internal_errors_total counter',
      `graphql_internal_errors_total ${counters.internalErrors}`,
      '# HELP graphql_sql_statements_total SQL statements issued while serving GraphQL requests',
      '# TYPE graphql_sql_statements_total counter',
      `graphql_sql_statements_total ${statementTotals.inRequests}`,
    ],
  });

  const logInternalErrors: ApolloServerPlugin<C> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (isInternal({ message: error.message, extensions: error.extensions }, error)) {
              counters.internalErrors += 1;
              contextValue.logger.error({ requestId: contextValue.requestId, err: error.originalError ?? error, path: error.path }, 'internal error (masked for the client)');
            }
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<C>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Shutdown is onShutdown's: Apollo's own handler would stop the server and re-send the signal,
    // which reads as a second Ctrl-C and turns a clean exit into exit code 1.
    stopOnTerminationSignals: false,
    // No Apollo Studio here: federated traces would only cost time on every request.
    plugins: [logInternalErrors, ...(options.plugins ?? []), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const requireIdentity: RequestHandler = async (req, res, next) => {
    counters.requests += 1;
    const header = req.header(IDENTITY_HEADER);
    try {
      if (!header) throw new Error('missing identity header');
      const verified = await verifyIdentity(header);
      res.locals.identity = verified.identity;
      res.locals.now = options.clock;
      res.locals.requestId = verified.requestId !== 'unknown' ? verified.requestId : (req.header(REQUEST_ID_HEADER) ?? randomUUID());
    } catch (error) {
      counters.unauthenticated += 1;
      options.logger.warn({ reason: (error as Error).message, path: req.path }, 'refused a request without a valid gateway identity');
      res.status(401).json({ errors: [{ message: '只接受经网关认证的请求', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    withRequestStats({ sqlStatements: 0 }, () => next());
  };

  if (options.fileRoutes) {
    const files = express.Router();
    options.fileRoutes(files);
    app.use('/files', requireIdentity, files);
  }

  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    requireIdentity,
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const identity = res.locals.identity as Identity;
        const requestId = res.locals.requestId as string;
        return options.buildContext({ identity, requestId, logger: options.logger.child({ requestId }), now: options.clock });
      },
    }),
  );

  app.use(httpErrorHandler(options.logger));

  const server = await listen(app, options.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    server,
    stop: async () => {
      await apollo.stop();
      await closeServer(server);
    },
  };
}
