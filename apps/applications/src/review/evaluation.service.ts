import { shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { notInFuture, requiredText, scoreInHundredths } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { ApplicationEntity } from '../entities/application.entity';
import type { QualitativeFindingInput, SiteInspectionInput } from '../generated/graphql';
import { type LockedApplication, lockApplication, requireOpenEvaluation, requireStage } from './application-lock';
import { EvaluationScoreChangeEntity } from './entities/evaluation-score-change.entity';
import { PanelEvaluationEntity } from './entities/panel-evaluation.entity';
import type { QualitativeCriterion } from './entities/qualitative-finding.entity';
import { QualitativeFindingEntity } from './entities/qualitative-finding.entity';
import { SiteInspectionEntity } from './entities/site-inspection.entity';
import { authorizeOnApplication } from './panel-access';
import { type PanelMemberInput, validatePanelMembers, validateScore } from './review-input.rules';
import { requestNotification } from './review-notifications';

/** Runs `work` in one transaction with the application row share-locked and its audit row written. */
async function recordUnderLock<T>(context: Context, applicationId: string, operation: string, work: (manager: EntityManager, application: LockedApplication) => Promise<{ result: T; changes: Record<string, unknown> }>): Promise<T> {
  return context.dataSource.transaction(async (manager) => {
    const application = await lockApplication(manager, applicationId, 'SHARE');
    const { result, changes } = await work(manager, application);
    await recordAudit(manager, SCHEMA, context.identity, { operation, targetType: 'Application', targetId: applicationId, changes, requestId: context.requestId });
    return result;
  });
}

/** 指派评审组: adds members (or updates their details); each new member is told what to review. */
export async function assignPanel(context: Context, applicationId: string, input: readonly PanelMemberInput[]): Promise<ApplicationEntity> {
  const members = validatePanelMembers(input);
  const { park } = await authorizeOnApplication(context, 'application.review.city', applicationId);
  const now = context.now();
  return recordUnderLock(context, applicationId, 'application.panel.assign', async (manager, application) => {
    await requireOpenEvaluation(manager, application);
    const existing = new Set((await manager.query(`SELECT "subject" FROM "${SCHEMA}"."application_panel_member" WHERE "application_id" = $1`, [applicationId]) as Array<{ subject: string }>).map((row) => row.subject));
    for (const member of members) {
      await manager.query(
        `INSERT INTO "${SCHEMA}"."application_panel_member" ("application_id", "subject", "name", "department", "assigned_by", "assigned_at") VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("application_id", "subject") DO UPDATE SET "name" = EXCLUDED."name", "department" = EXCLUDED."department"`,
        [applicationId, member.subject, member.name, member.department, context.identity.subject, now],
      );
    }
    const added = members.filter((member) => !existing.has(member.subject));
    for (const member of added) {
      await requestNotification(manager, application, {
        action: `panelAssigned.${member.subject}`,
        audience: { role: 'REVIEWER', subject: member.subject },
        title: `联合评审邀请：${park.name}`,
        body: `您已被指派为${park.name}申报的联合评审组成员（${member.department}），请查阅申报材料，提交评审意见和评分。`,
      });
    }
    const result = await manager.getRepository(ApplicationEntity).findOneByOrFail({ id: applicationId });
    return { result, changes: { panel: { added: added.map((member) => member.subject), updated: members.filter((member) => existing.has(member.subject)).map((member) => member.subject) } } };
  });
}

/** 评审意见与评分: the assigned member's own row; every score given stays in the history. */
export async function submitEvaluation(context: Context, applicationId: string, opinionInput: string, scoreInput: string): Promise<PanelEvaluationEntity & { scoreHistory: EvaluationScoreChangeEntity[] }> {
  const opinion = requiredText('opinion', opinionInput, '评审意见', 5000, true);
  const score = validateScore(scoreInput);
  await authorizeOnApplication(context, 'application.evaluate', applicationId);
  const subject = context.identity.subject;
  const now = context.now();
  return recordUnderLock(context, applicationId, 'application.evaluate', async (manager, application) => {
    await requireOpenEvaluation(manager, application);
    const evaluations = manager.getRepository(PanelEvaluationEntity);
    const before = await evaluations.createQueryBuilder('evaluation').setLock('pessimistic_write').where('evaluation.application_id = :applicationId AND evaluation.subject = :subject', { applicationId, subject }).getOne();
    await manager.query(
      `INSERT INTO "${SCHEMA}"."panel_evaluation" ("application_id", "subject", "opinion", "score", "submitted_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT ("application_id", "subject") DO UPDATE SET "opinion" = EXCLUDED."opinion", "score" = EXCLUDED."score", "updated_at" = EXCLUDED."updated_at"`,
      [applicationId, subject, opinion, score, now],
    );
    const scoreChanged = !before || scoreInHundredths('score', before.score) !== scoreInHundredths('score', score);
    if (scoreChanged) {
      await manager.getRepository(EvaluationScoreChangeEntity).insert({ applicationId, subject, changedBy: subject, changedAt: now, scoreBefore: before?.score ?? null, scoreAfter: score });
    }
    if (!before) await noticeWhenPanelComplete(manager, application);
    const evaluation = await evaluations.findOneByOrFail({ applicationId, subject });
    const scoreHistory = await manager.getRepository(EvaluationScoreChangeEntity).find({ where: { applicationId, subject }, order: { changedAt: 'ASC', id: 'ASC' } });
    return { result: { ...evaluation, scoreHistory }, changes: { score: [before?.score ?? null, evaluation.score], ...(before?.opinion !== opinion ? { opinion: 'changed' } : {}) } };
  });
}

/** The last missing evaluation arrived: the bureau may conclude. */
async function noticeWhenPanelComplete(manager: EntityManager, application: { id: string; version: number }): Promise<void> {
  const [{ pending }]: Array<{ pending: number }> = await manager.query(
    `SELECT count(*)::int AS "pending" FROM "${SCHEMA}"."application_panel_member" member
      WHERE member."application_id" = $1
        AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."panel_evaluation" evaluation WHERE evaluation."application_id" = member."application_id" AND evaluation."subject" = member."subject")`,
    [application.id],
  );
  if (pending > 0) return;
  await requestNotification(manager, application, { action: 'evaluationsComplete', audience: { role: 'CITY_BUREAU' }, title: '评审意见已齐', body: '联合评审组全部成员已提交评审意见和评分；记录实地考察和定性条件结论后即可结束联合评审。' });
}

/** 实地考察记录, by the bureau or an assigned member. */
export async function recordSiteInspection(context: Context, applicationId: string, input: SiteInspectionInput): Promise<SiteInspectionEntity> {
  const record = {
    inspectedOn: notInFuture('input.inspectedOn', input.inspectedOn, shanghaiDate(context.now()), '考察日期'),
    inspectors: requiredText('input.inspectors', input.inspectors, '考察人员', 500, true),
    findings: requiredText('input.findings', input.findings, '考察情况', 5000, true),
    conclusion: requiredText('input.conclusion', input.conclusion, '考察结论', 2000, true),
  };
  await authorizeOnApplication(context, 'application.inspect', applicationId);
  return recordUnderLock(context, applicationId, 'application.inspect', async (manager, application) => {
    await requireOpenEvaluation(manager, application);
    const repository = manager.getRepository(SiteInspectionEntity);
    const { identifiers } = await repository.insert({ applicationId, ...record, recordedBy: context.identity.subject, recordedAt: context.now() });
    const result = await repository.findOneByOrFail({ id: identifiers[0].id as string });
    return { result, changes: { siteInspection: { id: result.id, inspectedOn: result.inspectedOn } } };
  });
}

/** 定性条件结论: Art 6 (一)(四)(五), during the city's review or the open joint evaluation. */
export async function recordQualitativeFinding(context: Context, applicationId: string, criterion: QualitativeCriterion, input: QualitativeFindingInput): Promise<QualitativeFindingEntity> {
  const finding = requiredText('input.finding', input.finding, '评审结论', 2000, true);
  const evidence = requiredText('input.evidence', input.evidence, '依据', 2000, true);
  await authorizeOnApplication(context, 'application.review.city', applicationId);
  return recordUnderLock(context, applicationId, 'application.qualitative-finding', async (manager, application) => {
    requireStage(application, ['CITY_REVIEW', 'JOINT_EVALUATION']);
    if (application.stage === 'JOINT_EVALUATION') await requireOpenEvaluation(manager, application);
    const repository = manager.getRepository(QualitativeFindingEntity);
    const before = await repository.findOneBy({ applicationId, criterion });
    await manager.query(
      `INSERT INTO "${SCHEMA}"."qualitative_finding" ("application_id", "criterion", "finding", "evidence", "satisfied", "recorded_by", "recorded_at") VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("application_id", "criterion") DO UPDATE SET "finding" = EXCLUDED."finding", "evidence" = EXCLUDED."evidence", "satisfied" = EXCLUDED."satisfied", "recorded_by" = EXCLUDED."recorded_by", "recorded_at" = EXCLUDED."recorded_at"`,
      [applicationId, criterion, finding, evidence, input.satisfied, context.identity.subject, context.now()],
    );
    const result = await repository.findOneByOrFail({ applicationId, criterion });
    return { result, changes: { criterion, satisfied: [before?.satisfied ?? null, result.satisfied], ...(before?.finding !== finding ? { finding: 'changed' } : {}) } };
  });
}
