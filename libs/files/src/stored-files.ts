import type { Identity } from '@cz/auth';
import { recordAudit } from '@cz/db';
import { BadUserInputError, NotFoundError } from '@cz/errors';
import { isUuid, loaderByKey } from '@cz/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { gatewayFilePath } from './file-http';
import { StoredFileEntity } from './stored-file.entity';

/**
 * One purpose of a service's stored files: the schema holding its `stored_file` table, the
 * owner kind its rows carry, and where the gateway serves them (`/files/<service>/<path>`).
 */
export interface StoredFileKind {
  schema: string;
  ownerKind: string;
  service: string;
  path: string;
}

/** Where the gateway serves a stored file's bytes. */
export const storedFileDownloadPath = (kind: StoredFileKind, fileId: string): string => gatewayFilePath(kind.service, kind.path, fileId);

/** What clients see of a stored file (the GraphQL file types and the upload answer alike). */
export interface StoredFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  downloadPath: string;
  uploadedAt: Date;
}

/** The columns a view of a file needs (raw SQL rows may carry just these). */
export type StoredFileMetadata = Pick<StoredFileEntity, 'id' | 'fileName' | 'contentType' | 'sizeBytes' | 'sha256' | 'uploadedAt'>;

export function storedFileView(kind: StoredFileKind, file: StoredFileMetadata): StoredFileView {
  return { id: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256, downloadPath: storedFileDownloadPath(kind, file.id), uploadedAt: file.uploadedAt };
}

export interface NewStoredFile {
  parkId: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

/** Inserts one file, and its audit row, through the caller's transaction. */
export async function insertStoredFile(manager: EntityManager, kind: StoredFileKind, identity: Identity, file: NewStoredFile, audit: { operation: string; requestId?: string }, now: Date): Promise<StoredFileEntity> {
  const [row]: Array<{ id: string; uploaded_at: Date }> = await manager.query(
    `INSERT INTO "${kind.schema}"."stored_file" ("owner_kind", "park_id", "file_name", "content_type", "size_bytes", "sha256", "content", "uploaded_by", "uploaded_role", "uploaded_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "id", "uploaded_at"`,
    [kind.ownerKind, file.parkId, file.fileName, file.contentType, file.content.length, file.sha256, file.content, identity.subject, identity.role, now],
  );
  const metadata = { ownerKind: kind.ownerKind, parkId: file.parkId, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.content.length, sha256: file.sha256 };
  await recordAudit(manager, kind.schema, identity, { operation: audit.operation, targetType: 'StoredFile', targetId: row.id, changes: metadata, requestId: audit.requestId });
  return Object.assign(new StoredFileEntity(), metadata, { id: row.id, uploadedBy: identity.subject, uploadedRole: identity.role, uploadedAt: row.uploaded_at });
}

const filesQuery = (db: DataSource | EntityManager, kind: StoredFileKind) =>
  db.getRepository(StoredFileEntity).createQueryBuilder('file').where('file.owner_kind = :ownerKind', { ownerKind: kind.ownerKind });

/** One file's metadata (never its bytes); null for an id that names none of this kind. */
export async function findStoredFile(db: DataSource | EntityManager, kind: StoredFileKind, fileId: string): Promise<StoredFileEntity | null> {
  return isUuid(fileId) ? filesQuery(db, kind).andWhere('file.id = :fileId', { fileId }).getOne() : null;
}

export async function storedFileContent(db: DataSource | EntityManager, kind: StoredFileKind, fileId: string): Promise<Buffer> {
  const [row]: Array<{ content: Buffer }> = await db.query(`SELECT "content" FROM "${kind.schema}"."stored_file" WHERE "id" = $1`, [fileId]);
  if (!row) throw new NotFoundError('文件不存在', { fileId });
  return row.content;
}

/** Per-request loader of files' metadata by id, one statement per batch. */
export function storedFilesByIdLoader(db: DataSource | EntityManager, kind: StoredFileKind) {
  return loaderByKey((ids: readonly string[]) => filesQuery(db, kind).andWhere('file.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(), (file) => file.id);
}

/** How many files one record may cite. */
export const MAX_FILE_REFERENCES = 50;

/**
 * The shape of a list of file ids a record cites: at least one, no repeats, not too many.
 * Checked before any SQL, so a malformed list costs nothing.
 */
export function fileIdList(field: string, ids: readonly string[], label: string): string[] {
  if (ids.length === 0) throw new BadUserInputError(field, `至少需要附一个${label}文件`);
  if (ids.length > MAX_FILE_REFERENCES) throw new BadUserInputError(field, `${label}文件最多 ${MAX_FILE_REFERENCES} 个`, { max: MAX_FILE_REFERENCES });
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) throw new BadUserInputError(field, `${label}文件不能重复引用`, { repeatedFileIds: [...new Set(repeated)] });
  return [...ids];
}

/**
 * The files a record of `parkId` cites, in the order given: each must be a file of this kind that
 * the same park uploaded. Anything else is BAD_USER_INPUT on `field`, naming the ids at fault.
 * Files are append-only, so what is checked here is what the record keeps citing.
 */
export async function citedFiles(db: DataSource | EntityManager, kind: StoredFileKind, field: string, ids: readonly string[], parkId: string, label: string): Promise<StoredFileEntity[]> {
  const wanted = fileIdList(field, ids, label);
  const found = await filesQuery(db, kind)
    .andWhere('file.id = ANY(:ids)', { ids: wanted.filter(isUuid) })
    .getMany();
  const byId = new Map(found.map((file) => [file.id, file]));
  const unknown = wanted.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new BadUserInputError(field, `${label}文件不存在（请先上传）`, { unknownFileIds: unknown });
  const foreign = wanted.filter((id) => byId.get(id)?.parkId !== parkId);
  if (foreign.length > 0) throw new BadUserInputError(field, `只能引用本园区上传的${label}文件`, { foreignFileIds: foreign });
  return wanted.map((id) => byId.get(id) as StoredFileEntity);
}
