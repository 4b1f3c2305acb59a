import { NotFoundError } from '@cz/errors';
import type { Logger } from '@cz/logging';
import type { LoaderContext, SubgraphContext } from '@cz/subgraph-kit';
import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import { receiveFile, uploadHeaders } from './file-content';
import { type FileAction, fileRouteHandlers, sendFileContent } from './file-http';
import type { StoredFileEntity } from './stored-file.entity';
import { findStoredFile, insertStoredFile, type StoredFileKind, storedFileContent, storedFileView } from './stored-files';

/** What a stored-file route needs of the request context. */
export type FileRouteContext = SubgraphContext & { dataSource: DataSource };

export interface UploadRouteOptions<C extends FileRouteContext> {
  kind: StoredFileKind;
  /** The audit operation of an upload, e.g. `funding.evidence.upload`. */
  auditOperation: string;
  /**
   * Who may upload, decided before a byte of the body is read: resolves to the park the file will
   * belong to, or throws (FORBIDDEN, NOT_FOUND…).
   */
  authorize: (context: C) => Promise<{ parkId: string }>;
}

/**
 * `POST` with the raw body, `content-type` and `x-file-name` (URI-encoded UTF-8). Headers and the
 * caller are checked before the body is read; the answer is 201 with the file's description.
 */
export function storedFileUploadRoute<C extends FileRouteContext>({ kind, auditOperation, authorize }: UploadRouteOptions<C>): FileAction<C> {
  return async (req, res, context) => {
    const { contentType, fileName } = uploadHeaders(req);
    const { parkId } = await authorize(context);
    const { content, sha256 } = await receiveFile(req, contentType);
    const file = await context.dataSource.transaction((manager) =>
      insertStoredFile(manager, kind, context.identity, { parkId, fileName, contentType, content, sha256 }, { operation: auditOperation, requestId: context.requestId }, context.now()),
    );
    res.status(201).json(storedFileView(kind, file));
  };
}

export interface DownloadRouteOptions<C extends FileRouteContext> {
  kind: StoredFileKind;
  /** Who may read this file: returns when allowed, throws (FORBIDDEN…) otherwise. */
  authorize: (context: C, file: StoredFileEntity) => Promise<void>;
}

/** `GET …/:fileId`: NOT_FOUND for an id naming no file of this kind, then the guard, then the bytes. */
export function storedFileDownloadRoute<C extends FileRouteContext>({ kind, authorize }: DownloadRouteOptions<C>): FileAction<C> {
  return async (req, res, context) => {
    const fileId = String(req.params.fileId);
    const file = await findStoredFile(context.dataSource, kind, fileId);
    if (!file) throw new NotFoundError('文件不存在', { fileId });
    await authorize(context, file);
    sendFileContent(res, file, await storedFileContent(context.dataSource, kind, file.id));
  };
}

/**
 * Mounts uploads at `/<path>` and downloads at `/<path>/:fileId` under the service's /files, for
 * a module's `fileRoutes`. The gateway serves them at `/files/<service>/<path>[/<id>]`.
 */
export function storedFileRoutes<L>(options: {
  kind: StoredFileKind;
  auditOperation: string;
  createLoaders: (dataSource: DataSource) => L;
  authorizeUpload: UploadRouteOptions<LoaderContext<L>>['authorize'];
  authorizeDownload: DownloadRouteOptions<LoaderContext<L>>['authorize'];
}): (router: Router, dataSource: DataSource, logger: Logger) => void {
  const { kind, auditOperation } = options;
  return (router, dataSource, logger) => {
    const handle = fileRouteHandlers(dataSource, logger, options.createLoaders);
    router.post(`/${kind.path}`, handle(storedFileUploadRoute({ kind, auditOperation, authorize: options.authorizeUpload })));
    router.get(`/${kind.path}/:fileId`, handle(storedFileDownloadRoute({ kind, authorize: options.authorizeDownload })));
  };
}
