import { formatError } from '@cz/subgraph-kit';
import type { Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Codes of the gateway's own refusals: stable, for frontends to branch on (README, Security).
 * QUERY_TOO_DEEP: nesting; QUERY_TOO_WIDE: aliases; QUERY_TOO_COMPLEX: estimated cost or directives;
 * QUERY_TOO_LARGE: tokens in the document; RATE_LIMITED: too many mutations in the window;
 * OPERATION_NOT_ALLOWED: not in the persisted-operation allow-list while it is enforced.
 */
export type RefusalCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_WIDE' | 'QUERY_TOO_COMPLEX' | 'QUERY_TOO_LARGE' | 'RATE_LIMITED' | 'OPERATION_NOT_ALLOWED';

/** A request the gateway answers itself, before any subgraph is asked; the message is for people. */
export class GatewayRefusal extends GraphQLError {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Status and headers for Apollo to answer with (e.g. 429 and Retry-After); never shown in the body. */
    http?: { status: number; headers: Map<string, string> },
  ) {
    super(message, { extensions: { ...details, code, ...(http ? { http } : {}) } });
    this.name = 'GatewayRefusal';
  }
}

/** Apollo wraps validation errors (code GRAPHQL_VALIDATION_FAILED) around the refusal a limit reported. */
function refusalIn(error: unknown): GatewayRefusal | undefined {
  if (error instanceof GatewayRefusal) return error;
  if (error instanceof GraphQLError && error.originalError instanceof GatewayRefusal) return error.originalError;
  return undefined;
}

/** The gateway's error boundary: its own refusals keep their code; everything else as the subgraphs format it. */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const refusal = refusalIn(error);
  if (refusal) return { message: refusal.message, extensions: { ...refusal.details, code: refusal.code } };
  return formatError(formatted, error);
}

/** Answers a refusal made before Apollo runs (plain Express middleware) in the same GraphQL shape. */
export function sendRefusal(res: Response, status: number, refusal: GatewayRefusal): void {
  res.status(status).json({ errors: [{ message: refusal.message, extensions: { ...refusal.details, code: refusal.code, requestId: res.locals.requestId } }] });
}
