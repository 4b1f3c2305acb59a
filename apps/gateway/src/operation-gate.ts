import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@cz/logging';
import { canonicalOperation, operationId, type PersistedOperationManifest } from '@cz/persisted-operations';
import type { Request, RequestHandler } from 'express';
import type { DocumentNode } from 'graphql';
import { GatewayRefusal, sendRefusal } from './gateway-refusal';
import { parseWithinTokenLimit } from './query-limits';

/** Written by `npm run persisted-operations` from the frontends' `*.operations.graphql` files. */
export const PERSISTED_OPERATIONS_FILE = join(__dirname, '..', 'persisted-operations.json');

export type AllowListMode = 'off' | 'enforce';

export function readManifest(file = PERSISTED_OPERATIONS_FILE): PersistedOperationManifest {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PersistedOperationManifest) : {};
}

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/**
 * A persisted operation sent by id: `documentId` (GraphQL over HTTP) or Apollo's persisted-query
 * extension. The id is the sha256 of the manifest's document, which Apollo checks again.
 */
function requestedId(body: GraphQLBody): string | undefined {
  const id = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
  return typeof id === 'string' ? id.replace(/^sha256:/, '') : undefined;
}

/** POST bodies carry the document in JSON; GET requests (CSRF-checked by Apollo) in the query string. */
function bodyOf(req: Request): GraphQLBody | undefined {
  const body: unknown = req.method === 'GET' ? req.query : req.body;
  // A batch (an array) is refused by Apollo itself; nothing to look at here.
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as GraphQLBody) : undefined;
}

function tryParse(query: string, maxTokens: number): DocumentNode | GatewayRefusal | undefined {
  try {
    return parseWithinTokenLimit(query, maxTokens);
  } catch (error) {
    // A syntax error is Apollo's to report (GRAPHQL_PARSE_FAILED); it never executes anyway.
    return error instanceof GatewayRefusal ? error : undefined;
  }
}

/**
 * Looks at the raw document before Apollo parses it: resolves persisted ids, refuses documents with
 * too many tokens and, with the allow-list enforced, any operation the frontends did not register
 * at build time. An allowed operation is recognised by the hash of its canonical form, so sending
 * it by id, as printed in the manifest, or inside its whole operations file all work.
 */
export function operationGate(options: { manifest: PersistedOperationManifest; mode: AllowListMode; maxTokens: number; logger: Logger }): RequestHandler {
  const { manifest, mode, maxTokens, logger } = options;
  const notAllowed = () => new GatewayRefusal('OPERATION_NOT_ALLOWED', '该操作未登记在允许列表中，服务端拒绝执行');
  return (req, res, next) => {
    const body = bodyOf(req);
    if (!body) return next();
    const id = requestedId(body);
    if (body.query === undefined && id !== undefined && manifest[id] && req.method !== 'GET') {
      body.query = manifest[id];
      delete body.documentId;
    }
    if (typeof body.query !== 'string') {
      // Only an id that is not in the manifest gets here; Apollo's own persisted-query cache may know it, an enforcing gateway does not.
      if (mode === 'enforce' && id !== undefined) return sendRefusal(res, 403, notAllowed());
      return next();
    }
    const parsed = tryParse(body.query, maxTokens);
    if (parsed instanceof GatewayRefusal) {
      logger.warn({ requestId: res.locals.requestId, code: parsed.code }, 'refused an oversized document');
      return sendRefusal(res, 400, parsed);
    }
    if (mode === 'enforce') {
      const canonical = parsed && canonicalOperationOrUndefined(parsed, body.operationName);
      if (!canonical || !manifest[operationId(canonical)]) {
        logger.warn({ requestId: res.locals.requestId, operationName: body.operationName }, 'refused an operation outside the allow-list');
        return sendRefusal(res, 403, notAllowed());
      }
    }
    next();
  };
}

/** A spread of an undefined fragment is a validation error for Apollo to report, not a crash here. */
function canonicalOperationOrUndefined(document: DocumentNode, operationName: unknown): string | undefined {
  try {
    return canonicalOperation(document, typeof operationName === 'string' ? operationName : undefined);
  } catch {
    return undefined;
  }
}
