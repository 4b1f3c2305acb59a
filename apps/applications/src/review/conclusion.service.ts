import { guardedUpdate, recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError } from '@cz/errors';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { ApplicationEntity } from '../entities/application.entity';
import { lockApplication, requireOpenEvaluation } from './application-lock';
import { QUALITATIVE_CRITERIA, type QualitativeCriterion } from './entities/qualitative-finding.entity';
import { authorizeOnApplication } from './panel-access';
import { requestNotification } from './review-notifications';

const CRITERION_NAMES: Record<QualitativeCriterion, string> = { PLANNING_REPORT: '园区发展规划', OPERATING_TEAM: '运营机构与管理团队', SOCIAL_BENEFITS: '社会效益' };

interface Missing {
  code: string;
  name: string;
}

/** What the evaluation still lacks, in one statement: the panel, each member's evaluation, an inspection, the three findings. */
async function missingForConclusion(manager: EntityManager, applicationId: string): Promise<Missing[]> {
  const [row]: Array<{ members: Array<{ subject: string; name: string; evaluated: boolean }> | null; inspections: number; criteria: string[] }> = await manager.query(
    `SELECT
       (SELECT json_agg(json_build_object('subject', member."subject", 'name', member."name", 'evaluated', evaluation."subject" IS NOT NULL) ORDER BY member."assigned_at", member."subject")
          FROM "${SCHEMA}"."application_panel_member" member
          LEFT JOIN "${SCHEMA}"."panel_evaluation" evaluation ON evaluation."application_id" = member."application_id" AND evaluation."subject" = member."subject"
         WHERE member."application_id" = $1) AS "members",
       (SELECT count(*)::int FROM "${SCHEMA}"."site_inspection" WHERE "application_id" = $1) AS "inspections",
       ARRAY(SELECT "criterion" FROM "${SCHEMA}"."qualitative_finding" WHERE "application_id" = $1) AS "criteria"`,
    [applicationId],
  );
  const missing: Missing[] = [];
  if (!row.members) missing.push({ code: 'panel', name: '联合评审组成员' });
  for (const member of row.members ?? []) if (!member.evaluated) missing.push({ code: `evaluation.${member.subject}`, name: `${member.name}的评审意见和评分` });
  if (row.inspections === 0) missing.push({ code: 'siteInspection', name: '实地考察记录' });
  for (const criterion of QUALITATIVE_CRITERIA) if (!row.criteria.includes(criterion)) missing.push({ code: `qualitativeFinding.${criterion}`, name: `定性条件“${CRITERION_NAMES[criterion]}”的评审结论` });
  return missing;
}

/**
 * 结束联合评审: a guarded UPDATE of the application's version (so the bureau acts on what it saw
 * and publicity opens on the concluded state), then the conclusion with the exact mean score.
 */
export async function concludeEvaluation(context: Context, applicationId: string, expectedVersion: number): Promise<ApplicationEntity> {
  await authorizeOnApplication(context, 'application.review.city', applicationId);
  const now = context.now();
  return context.dataSource.transaction(async (manager) => {
    const application = await lockApplication(manager, applicationId, 'UPDATE');
    await requireOpenEvaluation(manager, application);
    const changed = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."application" SET "version" = "version" + 1, "updated_at" = $3 WHERE "id" = $1 AND "version" = $2 AND "stage" = 'JOINT_EVALUATION'`,
      [applicationId, expectedVersion, now],
    );
    if (changed === 0) throw new ConflictError('申报已被他人处理或修改，请刷新后重试', { id: applicationId, expectedVersion, currentVersion: application.version });
    const missing = await missingForConclusion(manager, applicationId);
    if (missing.length > 0) {
      throw new BadUserInputError('applicationId', `尚不能结束联合评审，缺少：${missing.map((item) => item.name).join('、')}`, { missing: missing.map((item) => item.code) });
    }
    // PostgreSQL's numeric mean and round() are exact decimal arithmetic, rounding half away from zero.
    const [{ average_score: averageScore }]: Array<{ average_score: string }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."evaluation_conclusion" ("application_id", "concluded_by", "concluded_at", "average_score")
       SELECT $1, $2, $3, round(avg("score"), 2) FROM "${SCHEMA}"."panel_evaluation" WHERE "application_id" = $1
       RETURNING "average_score"`,
      [applicationId, context.identity.subject, now],
    );
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'application.evaluation.conclude',
      targetType: 'Application',
      targetId: applicationId,
      changes: { evaluationConcluded: [false, true], averageScore, version: [expectedVersion, expectedVersion + 1] },
      requestId: context.requestId,
    });
    const updated = await manager.getRepository(ApplicationEntity).findOneByOrFail({ id: applicationId });
    await requestNotification(manager, updated, { action: 'evaluationConcluded', audience: { role: 'CITY_BUREAU' }, title: '联合评审已结束', body: `联合评审已结束，平均分 ${averageScore}。可将该申报列入拟认定名单进行公示。` });
    return updated;
  });
}
