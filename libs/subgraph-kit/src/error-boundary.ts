import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@cz/errors';
import type { Logger } from '@cz/logging';
import type { ErrorRequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { variableInputProblem } from './variable-errors';

/** Codes whose messages are written for users and may leave the service as they are. */
export const USER_FACING_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_ERROR_MESSAGE = '服务内部错误，请稍后重试';

// Apollo Server's own words for a POST body whose `variables` is a string, an array or a number.
const VARIABLES_NOT_AN_OBJECT = /^`variables` in a POST body /;

/** True when an error must be masked (and therefore logged, since the client will not see it). */
export function isInternal(formatted: GraphQLFormattedError, error: unknown): boolean {
  if (unwrapResolverError(error) instanceof DomainError) return false;
  const code = formatted.extensions?.code;
  return typeof code !== 'string' || !USER_FACING_CODES.has(code);
}

/**
 * The resolver boundary: domain errors, and variables graphql-js could not coerce, become
 * `extensions.code` plus the field at fault; every other error is masked, so no SQL text, host
 * name or stack trace ever reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { ...original.details, code: original.code } };
  }
  const variableProblem = variableInputProblem(error);
  if (variableProblem) {
    return { message: variableProblem.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', field: variableProblem.field } };
  }
  if (formatted.extensions?.code === 'BAD_REQUEST' && VARIABLES_NOT_AN_OBJECT.test(formatted.message)) {
    return { message: '请求体中的 variables 必须是 JSON 对象', extensions: { code: 'BAD_REQUEST', field: 'variables' } };
  }
  if (!isInternal(formatted, error)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: INTERNAL_ERROR_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * The HTTP boundary, after every route: a body too large or not JSON gets a GraphQL-shaped 4xx in
 * Chinese, anything else a masked 500 that is logged; never express's own page, which outside
 * production prints the stack and the paths of the files on the server.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ message: status === 413 ? '请求内容过大' : '请求格式不正确', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger.error({ err: error, path: req.path }, 'request failed outside GraphQL (masked for the client)');
    res.status(500).json({ errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}
