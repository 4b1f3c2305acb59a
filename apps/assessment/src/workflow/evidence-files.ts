import type { Operation } from '@cz/auth';
import { ForbiddenError } from '@cz/errors';
import { citedFiles, type StoredFileEntity, type StoredFileKind, storedFileRoutes, type StoredFileView, storedFileView } from '@cz/files';
import { authorizeForPark } from '@cz/park-refs';
import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { AssessmentEntity } from '../entities/assessment.entity';
import { createLoaders } from '../loaders';
import { authorizeOnAssessment, mayOnAssessment } from './assessment-access';

/** Served by the gateway at `/files/assessment/evidence` (upload) and `/files/assessment/evidence/<id>` (download). */
export const EVIDENCE: StoredFileKind = { schema: SCHEMA, ownerKind: 'ASSESSMENT_EVIDENCE', service: 'assessment', path: 'evidence' };

/** Evidence serves the self-assessment, so whoever may fill it in may upload it. */
const UPLOAD: Operation = 'assessment.self-assess';

/** The files of `parkId` that `ids` name, in order (none is fine: evidence is optional); BAD_USER_INPUT on `field` otherwise. */
export async function citedEvidence(manager: EntityManager, field: string, ids: readonly string[], parkId: string): Promise<StoredFileEntity[]> {
  return ids.length === 0 ? [] : citedFiles(manager, EVIDENCE, field, ids, parkId, '佐证材料');
}

/** Replaces one entry's citations with `fileIds`, in order. */
export async function replaceEntryEvidence(manager: EntityManager, assessmentId: string, indicatorCode: string, fileIds: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM "${SCHEMA}"."self_assessment_entry_evidence" WHERE "assessment_id" = $1 AND "indicator_code" = $2`, [assessmentId, indicatorCode]);
  await manager.query(
    `INSERT INTO "${SCHEMA}"."self_assessment_entry_evidence" ("assessment_id", "indicator_code", "file_id", "position")
     SELECT $1, $2, cited.file_id, cited.position FROM unnest($3::uuid[]) WITH ORDINALITY AS cited(file_id, position)`,
    [assessmentId, indicatorCode, fileIds],
  );
}

type CitedRow = { assessment_id: string; indicator_code: string; id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; uploaded_at: Date };
export interface CitedEvidence {
  assessmentId: string;
  indicatorCode: string;
  file: StoredFileView;
}

/** The files every entry of each assessment of the request cites, in order: one statement per batch. */
export const evidenceOfAssessments = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    async (assessmentIds: readonly string[]): Promise<CitedEvidence[]> => {
      const rows: CitedRow[] = await dataSource.query(
        `SELECT link."assessment_id", link."indicator_code", file."id", file."file_name", file."content_type", file."size_bytes", file."sha256", file."uploaded_at"
         FROM "${SCHEMA}"."self_assessment_entry_evidence" link JOIN "${SCHEMA}"."stored_file" file ON file."id" = link."file_id"
         WHERE link."assessment_id" = ANY($1::uuid[])
         ORDER BY link."assessment_id", link."indicator_code", link."position"`,
        [assessmentIds.filter(isUuid)],
      );
      return rows.map((row) => ({
        assessmentId: row.assessment_id,
        indicatorCode: row.indicator_code,
        file: storedFileView(EVIDENCE, { id: row.id, fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256, uploadedAt: row.uploaded_at }),
      }));
    },
    (cited) => cited.assessmentId,
  ),
);

/**
 * Uploads: a park operator, into its own park. Downloads: the park that uploaded it; and once a
 * self-assessment entry cites the file, whoever may read an assessment citing it.
 */
export const evidenceFileRoutes = storedFileRoutes({
  kind: EVIDENCE,
  auditOperation: 'assessment.evidence.upload',
  createLoaders,
  authorizeUpload: async (context: Context) => {
    const { identity } = context;
    if (identity.role !== 'PARK_OPERATOR' || !identity.parkId) throw new ForbiddenError('只有园区运营机构可以上传佐证材料');
    const park = await authorizeForPark(identity, UPLOAD, identity.parkId, context.loaders.parkRefs);
    return { parkId: park.parkId };
  },
  authorizeDownload: async (context: Context, file: StoredFileEntity) => {
    const { identity } = context;
    if (identity.role === 'PARK_OPERATOR' && identity.parkId === file.parkId) {
      await authorizeForPark(identity, 'assessment.read', file.parkId, context.loaders.parkRefs);
      return;
    }
    // Through the assessments citing it, so a reviewer reaches exactly the assessments assigned to them.
    const citing: Array<{ assessment_id: string }> = await context.dataSource.query(`SELECT DISTINCT "assessment_id" FROM "${SCHEMA}"."self_assessment_entry_evidence" WHERE "file_id" = $1`, [file.id]);
    if (citing.length === 0) throw new ForbiddenError('该文件尚未被任何自评引用，只有上传的园区可以下载', { fileId: file.id });
    const assessments = (await context.loaders.assessmentById.loadMany(citing.map((row) => row.assessment_id))).filter((each): each is AssessmentEntity => each instanceof AssessmentEntity);
    for (const assessment of assessments) if (await mayOnAssessment(context, 'assessment.read', assessment)) return;
    await authorizeOnAssessment(context, 'assessment.read', assessments[0]);
    throw new ForbiddenError('无权下载该文件', { fileId: file.id });
  },
});
