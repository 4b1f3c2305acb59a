import type { Identity } from '@cz/auth';
import { DomainError } from '@cz/errors';
import type { Logger } from '@cz/logging';
import type { Clock } from '@cz/runtime';
import { auditFileDenial, type LoaderContext } from '@cz/subgraph-kit';
import type { Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { attachmentDisposition, FileRefusal } from './file-content';

export const STATUS_OF_CODE: Record<DomainError['code'], number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };

/** The HTTP status of an error a file route throws; anything not a DomainError is a 500. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof FileRefusal) return error.status;
  if (error instanceof DomainError) return STATUS_OF_CODE[error.code];
  return 500;
}

/** Errors in the shape GraphQL clients already handle, with the HTTP status a file client expects. */
export function sendFileError(res: Response, logger: Logger, error: unknown): void {
  if (error instanceof DomainError) {
    res.status(httpStatusOf(error)).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
    return;
  }
  // Not the error object itself: a failed INSERT carries its parameters, i.e. the whole uploaded file.
  const cause = error instanceof Error ? { type: error.name, message: error.message, code: (error as { driverError?: { code?: string } }).driverError?.code } : { message: String(error) };
  logger.error({ err: cause, requestId: res.locals.requestId }, 'file route failed (masked for the client)');
  if (!res.headersSent) res.status(500).json({ errors: [{ message: '服务内部错误，请稍后重试', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

export type FileAction<C> = (req: Request, res: Response, context: C) => Promise<void>;

/**
 * Turns a file action into an express handler that gets the same request context GraphQL
 * resolvers get (identity, clock, per-request loaders), so one guard serves both, and answers
 * every error through `sendFileError`.
 */
export function fileRouteHandlers<L>(dataSource: DataSource, logger: Logger, createLoaders: (dataSource: DataSource) => L): (action: FileAction<LoaderContext<L>>) => RequestHandler {
  return (action) => async (req, res) => {
    try {
      const requestId = res.locals.requestId as string;
      const context: LoaderContext<L> = {
        identity: res.locals.identity as Identity,
        requestId,
        logger: logger.child({ requestId }),
        now: res.locals.now as Clock,
        dataSource,
        loaders: createLoaders(dataSource),
      };
      await action(req, res, context);
    } catch (error) {
      // A refusal by the guard is audited (DENIED) as in GraphQL, then answered.
      await auditFileDenial(req, res, error, logger);
      sendFileError(res, logger, error);
    }
  };
}

/** What a download answer says about the bytes it carries. */
export interface FileDescription {
  fileName: string;
  contentType: string;
  sha256: string;
}

/** The bytes as an attachment, never sniffed or cached by a shared cache, with their checksum. */
export function sendFileContent(res: Response, file: FileDescription, content: Buffer): void {
  res
    .status(200)
    .set({
      'content-type': file.contentType,
      'content-length': String(content.length),
      'content-disposition': attachmentDisposition(file.fileName),
      'x-checksum-sha256': file.sha256,
      etag: `"${file.sha256}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(content);
}

/**
 * A path as clients call it on the gateway, which maps `/files/<service>/<rest>` to the service's
 * own `/files/<rest>`.
 */
export function gatewayFilePath(service: string, ...segments: string[]): string {
  return `/files/${[service, ...segments].map(encodeURIComponent).join('/')}`;
}
