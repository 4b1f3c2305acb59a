import type { Operation } from '@cz/auth';
import { guardedUpdate } from '@cz/db';
import type { ParkRefEntity } from '@cz/park-refs';
import type { ApplicationStage, StageAction } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';
import { transitionStage } from '../transitions/transition-stage';
import { lockApplication, requireStage } from './application-lock';
import type { ReviewOutcome, ReviewReasonItem } from './entities/review-decision.entity';
import { authorizeOnApplication } from './panel-access';
import { type DecisionInput, reasonsSummary, type ValidDecision, validateDecision } from './review-input.rules';
import { type Notice, requestNotification } from './review-notifications';

interface ReviewLevel {
  stage: ApplicationStage;
  operation: Operation;
  pass: StageAction;
  name: string;
}

const LEVELS = {
  county: { stage: 'COUNTY_REVIEW', operation: 'application.review.county', pass: 'countyPass', name: '县区初审' },
  city: { stage: 'CITY_REVIEW', operation: 'application.review.city', pass: 'cityPass', name: '市局审核' },
} as const satisfies Record<string, ReviewLevel>;

const ACTION_OF: Record<Exclude<ReviewOutcome, 'PASS'>, StageAction> = { RETURN: 'returnForCorrection', REJECT: 'reject' };

const REASON_ITEM_NAMES: Readonly<Record<ReviewReasonItem, string>> = {
  LETTER: '申请函件',
  APPROVAL_FORM: '审批表',
  FEASIBILITY_STUDY: '可行性论证报告和建设发展规划',
  OPERATION_REPORT: '建设管理和运营情况',
  INSTITUTION_ROSTER: '入驻机构情况',
  OTHER: '其他材料',
  FACTS: '申报事实',
  GENERAL: '总体意见',
};

/**
 * 初审 (county) or 审核 (city): one transaction holding the stage change with its history and audit
 * rows (transitionStage), the decision with its reasons, and the notice to whoever acts next.
 */
export async function decideReview(context: Context, level: keyof typeof LEVELS, applicationId: string, expectedVersion: number, input: DecisionInput): Promise<ApplicationEntity> {
  const { stage, operation, pass, name } = LEVELS[level];
  const decision = validateDecision(input);
  const { park } = await authorizeOnApplication(context, operation, applicationId);
  const now = context.now();
  return context.dataSource.transaction(async (manager) => {
    // A county return must not act on an application the city already holds, though the state machine
    // allows a return from either stage; the row lock makes a concurrent decision wait, then CONFLICT.
    requireStage(await lockApplication(manager, applicationId, 'UPDATE'), [stage]);
    const reason = reasonsSummary(decision.reasons, REASON_ITEM_NAMES);
    const action = decision.decision === 'PASS' ? pass : ACTION_OF[decision.decision];
    const updated = await transitionStage(manager, {
      applicationId,
      action,
      identity: context.identity,
      requestId: context.requestId,
      now,
      expectedVersion,
      reason: decision.decision === 'PASS' ? decision.comment : reason,
      details: { decision: decision.decision, reasons: decision.reasons, comment: decision.comment },
    });
    await manager.query(
      `INSERT INTO "${SCHEMA}"."review_decision" ("application_id", "stage", "decision", "reasons", "comment", "decided_by", "decided_role", "decided_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [applicationId, stage, decision.decision, JSON.stringify(decision.reasons), decision.comment, context.identity.subject, context.identity.role, now],
    );
    // A resubmitted application evaluated again starts a new round: the earlier conclusion no longer stands.
    if (action === 'cityPass') await guardedUpdate(manager, `UPDATE "${SCHEMA}"."evaluation_conclusion" SET "superseded_at" = $2 WHERE "application_id" = $1 AND "superseded_at" IS NULL`, [applicationId, now]);
    await requestNotification(manager, updated, noticeOf(action, name, park, decision, reason));
    return updated;
  });
}

function noticeOf(action: StageAction, levelName: string, park: ParkRefEntity, decision: ValidDecision, reason: string | null): Notice {
  const parkAudience = { role: 'PARK_OPERATOR', parkId: park.parkId } as const;
  switch (action) {
    case 'countyPass':
      return { action, audience: { role: 'CITY_BUREAU' }, title: `待市局审核：${park.name}`, body: `${park.name}的申报已通过县区初审，请审核申报材料。` };
    case 'cityPass':
      return { action, audience: { role: 'CITY_BUREAU' }, title: `待联合评审：${park.name}`, body: `${park.name}的申报已通过市局审核，请指派联合评审组成员并组织实地考察。` };
    case 'returnForCorrection':
      return { action, audience: parkAudience, title: `申报被退回修改（${levelName}）`, body: `请按以下意见修改后重新提交：${reason}${decision.comment ? `。备注：${decision.comment}` : ''}` };
    default:
      return { action, audience: parkAudience, title: `申报不予认定（${levelName}）`, body: `理由：${reason}${decision.comment ? `。备注：${decision.comment}` : ''}` };
  }
}
