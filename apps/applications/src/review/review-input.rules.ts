import { BadUserInputError } from '@cz/errors';
import { requiredText, scoreInHundredths } from '@cz/policy';
import type { ReviewOutcome, ReviewReason, ReviewReasonItem } from './entities/review-decision.entity';

function optionalText(field: string, value: string | null | undefined, label: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(field, value, label, max, true);
}

export interface DecisionInput {
  decision: ReviewOutcome;
  reasons?: ReadonlyArray<{ item: ReviewReasonItem; reason: string }> | null;
  comment?: string | null;
}

export interface ValidDecision {
  decision: ReviewOutcome;
  reasons: ReviewReason[];
  comment: string | null;
}

/** A return or a rejection must tell the park what to correct or why: at least one reason. */
export function validateDecision(input: DecisionInput): ValidDecision {
  const reasons = (input.reasons ?? []).map((reason, index) => ({ item: reason.item, reason: requiredText(`decision.reasons.${index}.reason`, reason.reason, '理由', 500, true) }));
  if (input.decision !== 'PASS' && reasons.length === 0) {
    throw new BadUserInputError('decision.reasons', input.decision === 'RETURN' ? '退回修改必须逐项说明理由（至少一条）' : '不予认定必须说明理由（至少一条）');
  }
  if (reasons.length > 50) throw new BadUserInputError('decision.reasons', '理由最多 50 条', { max: 50 });
  return { decision: input.decision, reasons, comment: optionalText('decision.comment', input.comment, '备注', 2000) };
}

/** The reasons as one line for the transition history, e.g. "申请函件：缺少盖章；总体：…". */
export function reasonsSummary(reasons: readonly ReviewReason[], itemNames: Readonly<Record<ReviewReasonItem, string>>): string | null {
  return reasons.length === 0 ? null : reasons.map((reason) => `${itemNames[reason.item]}：${reason.reason}`).join('；');
}

export interface PanelMemberInput {
  subject: string;
  name: string;
  department: string;
}

export function validatePanelMembers(members: readonly PanelMemberInput[]): PanelMemberInput[] {
  if (members.length === 0) throw new BadUserInputError('members', '至少指派一名评审组成员');
  if (members.length > 50) throw new BadUserInputError('members', '评审组成员最多 50 名', { max: 50 });
  const valid = members.map((member, index) => ({
    subject: requiredText(`members.${index}.subject`, member.subject, '评审专家用户 ID', 100),
    name: requiredText(`members.${index}.name`, member.name, '姓名', 50),
    department: requiredText(`members.${index}.department`, member.department, '所属部门', 30),
  }));
  const seen = new Set<string>();
  valid.forEach((member, index) => {
    if (seen.has(member.subject)) throw new BadUserInputError(`members.${index}.subject`, '同一评审专家不能重复指派');
    seen.add(member.subject);
  });
  return valid;
}

/** A score of 0–100 with at most two decimals, kept as the exact decimal text PostgreSQL stores. */
export function validateScore(score: string): string {
  const trimmed = score.trim();
  scoreInHundredths('score', trimmed);
  return trimmed;
}
