import { recordAudit } from '@cz/db';
import { NotFoundError } from '@cz/errors';
import { FileRefusal, fileRouteHandlers, gatewayFilePath, receiveFile, sendFileContent, uploadHeaders } from '@cz/files';
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
import { MATERIAL_ITEMS, type MaterialItem } from './material.entity';

/**
 * Checks everything that needs no body first (item, type, name, announced size, who, which stage),
 * so a refused upload is never read; then the bytes, then one transaction that re-checks the stage
 * under the application's row lock (a concurrent submit cannot slip between) and adds the next version.
 */
async function upload(req: Request, res: Response, context: Context): Promise<void> {
  const { identity, requestId, dataSource } = context;
  const applicationId = String(req.params.applicationId);
  const item = String(req.params.item) as MaterialItem;
  if (!MATERIAL_ITEMS.includes(item)) throw new FileRefusal(400, 'item', '材料项无效', { allowed: MATERIAL_ITEMS });
  const { contentType, fileName } = uploadHeaders(req);
  const { application } = await authorizeOnApplication(context, 'application.edit', applicationId);
  if (!EDITABLE_STAGES.includes(application.stage)) throw notEditable(application.stage, '上传材料');
  const { content, sha256 } = await receiveFile(req, contentType);
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
  sendFileContent(res, { fileName: material.file_name, contentType: material.content_type, sha256: material.sha256 }, content);
}

/**
 * Materials as plain HTTP under the kit's /files (behind the gateway identity check). The gateway
 * maps `/files/applications/<rest>` to this service's `/files/<rest>`: uploads go to
 * `/files/applications/applications/<applicationId>/materials/<item>` on the gateway, and a
 * material's `downloadPath` is `/files/applications/materials/<id>`. Downloads also answer under
 * `/applications/materials/<id>`, the same prefix as uploads.
 */
export function materialFileRoutes(router: Router, dataSource: DataSource, logger: Logger): void {
  const handle = fileRouteHandlers(dataSource, logger, createLoaders);
  router.get(['/materials/:materialId', '/applications/materials/:materialId'], handle(download));
  router.post('/applications/:applicationId/materials/:item', handle(upload));
}

/** Where the gateway serves a material's bytes. */
export const materialDownloadPath = (materialId: string) => gatewayFilePath('applications', 'materials', materialId);
