import type { Clock } from '@cz/runtime';
import type { Identity } from '@cz/auth';
import { recordAudit } from '@cz/db';
import { DomainError, NotFoundError } from '@cz/errors';
import type { Logger } from '@cz/logging';
import type { ApplicationStage } from '@cz/policy';
import { isUuid } from '@cz/subgraph-kit';
import type { Request, Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { authorizeOnApplication } from '../review/panel-access';
import { EDITABLE_STAGES, notEditable } from './declaration.service';
import { acceptedContentType, attachmentDisposition, checkAnnouncedLength, checkSignature, decodeFileName, MaterialRefusal, readLimitedBody, sha256Hex } from './material-content';
import { MATERIAL_ITEMS, type MaterialItem } from './material.entity';

const STATUS_OF_CODE: Record<DomainError['code'], number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };

/** Errors in the shape GraphQL clients already handle, with the HTTP status a file client expects. */
function sendError(res: Response, logger: Logger, error: unknown): void {
  if (error instanceof DomainError) {
    const status = error instanceof MaterialRefusal ? error.status : STATUS_OF_CODE[error.code];
    res.status(status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
    return;
  }
  // Not the error object itself: a failed INSERT carries its parameters, i.e. the whole uploaded file.
  const cause = error instanceof Error ? { type: error.name, message: error.message, code: (error as { driverError?: { code?: string } }).driverError?.code } : { message: String(error) };
  logger.error({ err: cause, requestId: res.locals.requestId }, 'material file route failed (masked for the client)');
  if (!res.headersSent) res.status(500).json({ errors: [{ message: '服务内部错误，请稍后重试', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

/** The same request context GraphQL resolvers get (clock included), so one guard serves both. */
function contextOf(res: Response, dataSource: DataSource, logger: Logger): Context {
  const requestId = res.locals.requestId as string;
  return { identity: res.locals.identity as Identity, requestId, logger: logger.child({ requestId }), now: res.locals.now as Clock, dataSource, loaders: createLoaders(dataSource) };
}

/**
 * Checks everything that needs no body first (item, type, name, announced size, who, which stage),
 * so a refused upload is never read; then the bytes, then one transaction that re-checks the stage
 * under the application's row lock (a concurrent submit cannot slip between) and adds the next version.
 */
async function upload(req: Request, res: Response, context: Context): Promise<void> {
  const { identity, requestId, dataSource } = context;
  const applicationId = String(req.params.applicationId);
  const item = String(req.params.item) as MaterialItem;
  if (!MATERIAL_ITEMS.includes(item)) throw new MaterialRefusal(400, 'item', '材料项无效', { allowed: MATERIAL_ITEMS });
  const contentType = acceptedContentType(req.header('content-type'));
  const fileName = decodeFileName(req.header('x-file-name'));
  checkAnnouncedLength(req.header('content-length'));
  const { application } = await authorizeOnApplication(context, 'application.edit', applicationId);
  if (!EDITABLE_STAGES.includes(application.stage)) throw notEditable(application.stage, '上传材料');
  const content = await readLimitedBody(req);
  checkSignature(contentType, content);
  const sha256 = sha256Hex(content);
  const saved = await dataSource.transaction(async (manager) => {
    const [current]: Array<{ stage: ApplicationStage }> = await manager.query(`SELECT "stage" FROM "${SCHEMA}"."application" WHERE "id" = $1 FOR UPDATE`, [application.id]);
    if (!EDITABLE_STAGES.includes(current.stage)) throw notEditable(current.stage, '上传材料');
    const [row]: Array<{ id: string; version: number }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."application_material" ("application_id", "item", "version", "file_name", "content_type", "size_bytes", "sha256", "content", "uploaded_by", "uploaded_at")
       SELECT $1::uuid, $2::varchar, COALESCE(MAX("version"), 0) + 1, $3, $4, $5, $6, $7, $8, $9 FROM "${SCHEMA}"."application_material" WHERE "application_id" = $1::uuid AND "item" = $2::varchar
       RETURNING "id", "version"`,
      [application.id, item, fileName, contentType, content.length, sha256, content, identity.subject, context.now()],
    );
    await recordAudit(manager, SCHEMA, identity, {
      operation: 'application.material.upload',
      targetType: 'Application',
      targetId: application.id,
      changes: { materialId: row.id, item, version: row.version, fileName, contentType, sizeBytes: content.length, sha256 },
      requestId,
    });
    return row;
  });
  res.status(201).json({ id: saved.id, item, version: saved.version, sha256, sizeBytes: content.length });
}

async function download(req: Request, res: Response, context: Context): Promise<void> {
  const { dataSource } = context;
  const materialId = String(req.params.materialId);
  const [material]: Array<{ application_id: string; file_name: string; content_type: string; sha256: string }> = isUuid(materialId)
    ? await dataSource.query(`SELECT "application_id", "file_name", "content_type", "sha256" FROM "${SCHEMA}"."application_material" WHERE "id" = $1`, [materialId])
    : [];
  if (!material) throw new NotFoundError('材料不存在', { materialId });
  await authorizeOnApplication(context, 'application.material.read', material.application_id);
  const [{ content }]: Array<{ content: Buffer }> = await dataSource.query(`SELECT "content" FROM "${SCHEMA}"."application_material" WHERE "id" = $1`, [materialId]);
  res
    .status(200)
    .set({
      'content-type': material.content_type,
      'content-length': String(content.length),
      'content-disposition': attachmentDisposition(material.file_name),
      'x-checksum-sha256': material.sha256,
      etag: `"${material.sha256}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(content);
}

/**
 * Materials as plain HTTP under the kit's /files (behind the gateway identity check). The gateway
 * maps `/files/applications/<rest>` to this service's `/files/<rest>`: uploads go to
 * `/files/applications/applications/<applicationId>/materials/<item>` on the gateway, and a
 * material's `downloadPath` is `/files/applications/materials/<id>`. Downloads also answer under
 * `/applications/materials/<id>`, the same prefix as uploads.
 */
export function materialFileRoutes(router: Router, dataSource: DataSource, logger: Logger): void {
  const handle = (action: (req: Request, res: Response, context: Context) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await action(req, res, contextOf(res, dataSource, logger));
    } catch (error) {
      sendError(res, logger, error);
    }
  };
  router.get(['/materials/:materialId', '/applications/materials/:materialId'], handle(download));
  router.post('/applications/:applicationId/materials/:item', handle(upload));
}

/** Where the gateway serves a material's bytes. */
export const materialDownloadPath = (materialId: string) => `/files/applications/materials/${materialId}`;
