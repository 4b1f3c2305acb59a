import type { Operation } from '@cz/auth';
import { ForbiddenError } from '@cz/errors';
import { citedFiles, type StoredFileEntity, type StoredFileKind, storedFileRoutes, type StoredFileView, storedFileView } from '@cz/files';
import { authorizeForPark } from '@cz/park-refs';
import { text } from '@cz/policy';
import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { isEntryId } from '../ledger/ledger-input.rules';
import { createLoaders } from '../loaders';

/** Served by the gateway at `/files/funding/evidence` (upload) and `/files/funding/evidence/<id>` (download). */
export const EVIDENCE: StoredFileKind = { schema: SCHEMA, ownerKind: 'FUNDING_EVIDENCE', service: 'funding', path: 'evidence' };

/** Evidence serves employment reports and spending; the park operator uploads it for its own park. */
const UPLOAD: Operation = 'funding.evidence.upload';

/** A record's citations, kept in order in a link table of its own. */
interface CitingTable {
  table: 'employment_report_evidence' | 'ledger_entry_evidence';
  ownerColumn: 'report_id' | 'entry_id';
  ownerType: 'uuid' | 'bigint';
  isOwnerId: (id: string) => boolean;
}
export const REPORT_EVIDENCE: CitingTable = { table: 'employment_report_evidence', ownerColumn: 'report_id', ownerType: 'uuid', isOwnerId: isUuid };
export const ENTRY_EVIDENCE: CitingTable = { table: 'ledger_entry_evidence', ownerColumn: 'entry_id', ownerType: 'bigint', isOwnerId: isEntryId };

/** The files of `parkId` that `ids` name, in order; BAD_USER_INPUT on `field` otherwise. */
export function citedEvidence(db: EntityManager | Context['dataSource'], field: string, ids: readonly string[], parkId: string): Promise<StoredFileEntity[]> {
  return citedFiles(db, EVIDENCE, field, ids, parkId, '证明材料');
}

/** The description kept with the record: the one given, or else the cited files' names. */
export function evidenceDescription(field: string, value: string | null | undefined, files: readonly StoredFileEntity[]): string {
  if (value?.trim()) return text(field, value, '证明材料说明', { min: 1, max: 2000, multiline: true });
  const names = files.map((file) => file.fileName).join('、');
  return Array.from(names).length <= 2000 ? names : `${Array.from(names).slice(0, 1999).join('')}…`;
}

/** Cites `fileIds`, in order, for one record, in one statement. */
export async function citeEvidence(manager: EntityManager, citing: CitingTable, ownerId: string, fileIds: readonly string[]): Promise<void> {
  await manager.query(
    `INSERT INTO "${SCHEMA}"."${citing.table}" ("${citing.ownerColumn}", "file_id", "position")
     SELECT $1, cited.file_id, cited.position FROM unnest($2::uuid[]) WITH ORDINALITY AS cited(file_id, position)`,
    [ownerId, fileIds],
  );
}

/** Replaces a corrected report's citations; returns the ids it cited before, for the audit row. */
export async function replaceReportEvidence(manager: EntityManager, reportId: string, fileIds: readonly string[]): Promise<string[]> {
  // A SELECT around the DELETE, so the driver answers with the rows rather than a row count.
  const before: Array<{ file_id: string }> = await manager.query(
    `WITH removed AS (DELETE FROM "${SCHEMA}"."employment_report_evidence" WHERE "report_id" = $1 RETURNING "file_id", "position") SELECT "file_id" FROM removed ORDER BY "position"`,
    [reportId],
  );
  await citeEvidence(manager, REPORT_EVIDENCE, reportId, fileIds);
  return before.map((row) => row.file_id);
}

type CitedRow = { owner_id: string; id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; uploaded_at: Date };

/** The files each record of the request cites, in order: one statement per batch. */
function citedByOwner(citing: CitingTable) {
  return perRequest(({ dataSource }: Context) =>
    loaderGroupedByKey(
      async (ownerIds: readonly string[]): Promise<Array<{ ownerId: string; file: StoredFileView }>> => {
        const rows: CitedRow[] = await dataSource.query(
          `SELECT link."${citing.ownerColumn}"::text AS owner_id, file."id", file."file_name", file."content_type", file."size_bytes", file."sha256", file."uploaded_at"
           FROM "${SCHEMA}"."${citing.table}" link JOIN "${SCHEMA}"."stored_file" file ON file."id" = link."file_id"
           WHERE link."${citing.ownerColumn}" = ANY($1::${citing.ownerType}[])
           ORDER BY link."${citing.ownerColumn}", link."position"`,
          [ownerIds.filter(citing.isOwnerId)],
        );
        return rows.map((row) => ({
          ownerId: row.owner_id,
          file: storedFileView(EVIDENCE, { id: row.id, fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256, uploadedAt: row.uploaded_at }),
        }));
      },
      (cited) => cited.ownerId,
    ),
  );
}
export const evidenceOfReports = citedByOwner(REPORT_EVIDENCE);
export const evidenceOfEntries = citedByOwner(ENTRY_EVIDENCE);

/**
 * Uploads: a park operator, into its own park. Downloads: once a report or spending entry cites
 * the file, whoever may read the park's funding records (they all cite files of their own park
 * only); before that, only the park that uploaded it.
 */
export const evidenceFileRoutes = storedFileRoutes({
  kind: EVIDENCE,
  auditOperation: 'funding.evidence.upload',
  createLoaders,
  authorizeUpload: async (context: Context) => {
    const { identity } = context;
    if (identity.role !== 'PARK_OPERATOR' || !identity.parkId) throw new ForbiddenError('只有园区运营机构可以上传证明材料');
    const park = await authorizeForPark(identity, UPLOAD, identity.parkId, context.loaders.parkRefs);
    return { parkId: park.parkId };
  },
  authorizeDownload: async (context: Context, file: StoredFileEntity) => {
    const { identity } = context;
    const uploader = identity.role === 'PARK_OPERATOR' && identity.parkId === file.parkId;
    if (!uploader) {
      const [{ cited }]: Array<{ cited: boolean }> = await context.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM "${SCHEMA}"."employment_report_evidence" WHERE "file_id" = $1)
             OR EXISTS (SELECT 1 FROM "${SCHEMA}"."ledger_entry_evidence" WHERE "file_id" = $1) AS cited`,
        [file.id],
      );
      if (!cited) throw new ForbiddenError('该文件尚未被任何报告或支出引用，只有上传的园区可以下载', { fileId: file.id });
    }
    await authorizeForPark(identity, 'funding.read', file.parkId, context.loaders.parkRefs);
  },
});
