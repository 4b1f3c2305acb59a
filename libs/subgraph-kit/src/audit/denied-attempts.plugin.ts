import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { type AuditEntry, recordDeniedAttempts } from '@cz/db';
import { ForbiddenError, UnauthenticatedError } from '@cz/errors';
import type { Logger } from '@cz/logging';
import { getNamedType, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../subgraph-server';
import { type DeniedField, deniedReference, deniedTarget } from './denied-target';

/** Rows one request may add: a list whose every item is refused is one attempt, not a flood of rows. */
export const MAX_DENIALS_PER_REQUEST = 50;

/** The guard's refusals (and any other FORBIDDEN / UNAUTHENTICATED a resolver raises). */
export function isDenial(error: unknown): error is ForbiddenError | UnauthenticatedError {
  const original = unwrapResolverError(error);
  return original instanceof ForbiddenError || original instanceof UnauthenticatedError;
}

const pathKey = (path: ReadonlyArray<string | number>) => path.join('.');

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let step: GraphQLResolveInfo['path'] | undefined = info.path; step; step = step.prev) keys.unshift(step.key);
  return keys;
}

/** The operation a denial names (the guard puts it in the error), else the field's coordinate. */
function operationOf(error: GraphQLError, field: DeniedField | undefined, target: Pick<AuditEntry, 'targetType'>, isReference: boolean): string {
  const named = (unwrapResolverError(error) as ForbiddenError).details.operation;
  if (typeof named === 'string') return named;
  if (isReference) return `${target.targetType}.__resolveReference`;
  return field ? `${field.parentType}.${field.fieldName}` : 'unknown';
}

/**
 * Every denied attempt becomes an audit row with outcome DENIED, once for every subgraph, here
 * rather than in each resolver: resolvers just throw the guard's error. Rows are committed on
 * their own (the denied change wrote nothing) before the answer leaves, with who (identity, role,
 * jurisdiction, source address), the request id, the operation and the target named by the
 * field's arguments, the object it was read from, or the `_entities` representation.
 */
export function deniedAttemptsAudit<C extends SubgraphContext>(dataSource: DataSource, schema: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      // Only fields that were refused are remembered: their arguments and parent, by response path.
      const deniedFields = new Map<string, DeniedField>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, args, info }) {
              return (error) => {
                if (!error || !isDenial(error)) return;
                const parentId = (source as { id?: unknown } | undefined)?.id;
                deniedFields.set(pathKey(pathOf(info)), {
                  parentType: info.parentType.name,
                  fieldName: info.fieldName,
                  returnType: getNamedType(info.returnType).name,
                  args: args as Record<string, unknown>,
                  parentId: typeof parentId === 'string' ? parentId : undefined,
                });
              };
            },
          };
        },

        async didEncounterErrors({ errors, contextValue }) {
          const entries = new Map<string, AuditEntry>();
          for (const error of errors) {
            if (!isDenial(error) || entries.size >= MAX_DENIALS_PER_REQUEST) continue;
            const path = error.path ?? [];
            // `_entities` answers item by item: the index in the path picks the representation refused.
            const isReference = path[0] === '_entities' && typeof path[1] === 'number' && path.length === 2;
            const field = deniedFields.get(pathKey(path)) ?? (isReference ? deniedFields.get('_entities') : undefined);
            const target = isReference ? deniedReference((field?.args.representations as unknown[] | undefined)?.[path[1] as number]) : field ? deniedTarget(field) : { targetType: 'unknown', targetId: '*' };
            const operation = operationOf(error, field, target, isReference);
            const entry: AuditEntry = { operation, ...target, changes: { path: pathKey(path) }, requestId: contextValue.requestId };
            entries.set(`${operation}|${target.targetType}|${target.targetId}`, entry);
          }
          if (entries.size === 0) return;
          try {
            await recordDeniedAttempts(dataSource, schema, contextValue.identity, [...entries.values()]);
          } catch (error) {
            // The caller was refused either way; a lost row must at least be visible to operators.
            contextValue.logger.error({ err: error, requestId: contextValue.requestId, denials: entries.size }, 'could not record denied attempts in the audit log');
          }
        },
      };
    },
  };
}

/** How a file route's denial reaches the audit log: set on `res.locals` for the service's `/files` routes. */
export type FileDenialRecorder = (entry: AuditEntry) => Promise<void>;

const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Mounted before a service's file routes: denials there are audited like GraphQL's. */
export function fileDenialAudit(dataSource: DataSource, schema: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.recordDenial = ((entry) => recordDeniedAttempts(dataSource, schema, res.locals.identity, [{ ...entry, requestId: res.locals.requestId }])) satisfies FileDenialRecorder;
    next();
  };
}

/**
 * A file route's FORBIDDEN / UNAUTHENTICATED (an upload or download refused by the guard), as a
 * DENIED row: the operation the guard named (else the method and route), the last id in the path.
 */
export async function auditFileDenial(req: Request, res: Response, error: unknown, logger: Logger): Promise<void> {
  const record = res.locals.recordDenial as FileDenialRecorder | undefined;
  if (!record || !isDenial(error)) return;
  const named = (unwrapResolverError(error) as ForbiddenError).details.operation;
  // The route's pattern, not the path: a path may carry a download link's token.
  const route = `${req.baseUrl}${typeof req.route?.path === 'string' ? req.route.path : ''}`;
  const ids = req.path.match(UUID_IN_PATH);
  try {
    await record({
      operation: typeof named === 'string' ? named : `${req.method} ${route}`,
      targetType: 'File',
      targetId: ids?.at(-1) ?? '*',
      changes: { method: req.method, route },
    });
  } catch (failure) {
    logger.error({ err: failure, requestId: res.locals.requestId }, 'could not record a denied file request in the audit log');
  }
}
