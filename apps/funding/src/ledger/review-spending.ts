import { recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError } from '@cz/errors';
import { formatYuan, requiredText } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { SpendingReviewDecision } from './spending-review.entity';
import { authorizeOnEntry } from './ledger-access';
import { loadEntry } from './ledger-entries';

import { CATEGORY_NAMES, ENTRY_KIND_NAMES } from './ledger-names';
import { notifyAboutEntry } from './ledger-notifications';
import { lockAward } from './ledger-totals';

function reviewReason(decision: SpendingReviewDecision, reason: string | null | undefined): string | null {
  if (decision === 'RETURN') {
    if (!reason?.trim()) throw new BadUserInputError('reason', '退回支出时必须填写理由');
    return requiredText('reason', reason, '退回理由', 500, true);
  }
  return reason?.trim() ? requiredText('reason', reason, '审核意见', 500, true) : null;
}

/**
 * 支出审核: final once made. A RETURN takes the amount out of `spent` (the view ignores returned
 * spending), which gives it back to the balance; the park is told why.
 */
export async function reviewSpending(context: Context, entryId: string, decision: SpendingReviewDecision, reasonInput: string | null | undefined) {
  const { entry, park } = await authorizeOnEntry(context, 'funding.spending.review', entryId);
  if (entry.kind !== 'SPENDING') throw new BadUserInputError('entryId', `第 ${entry.id} 号分录是${ENTRY_KIND_NAMES[entry.kind]}分录，只有支出需要审核`);
  const reason = reviewReason(decision, reasonInput);
  await context.dataSource.transaction(async (manager) => {
    await lockAward(manager, entry.awardId);
    // Read again under the lock: a review or correction that committed meanwhile is seen here.
    const current = await loadEntry(manager, entry.id);
    if (current.review) throw new ConflictError(`该支出已于 ${current.review.reviewedAt.toISOString()} 审核，审核结论不可更改`, { decision: current.review.decision });
    if (current.reversal) throw new ConflictError(`该支出已被第 ${current.reversal.id} 号更正分录冲销，不再审核`);
    const [review]: Array<{ id: string }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."spending_review" ("entry_id", "decision", "reason", "reviewed_by", "reviewed_role") VALUES ($1, $2, $3, $4, $5) RETURNING "id"`,
      [entry.id, decision, reason, context.identity.subject, context.identity.role],
    );
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.spending.review',
      targetType: 'LedgerEntry',
      targetId: entry.id,
      changes: { reviewId: review.id, reviewStatus: ['PENDING', decision === 'RETURN' ? 'RETURNED' : 'ACCEPTED'], reason },
      requestId: context.requestId,
    });
    if (decision === 'RETURN') {
      await notifyAboutEntry(
        manager,
        entry.awardId,
        entry.id,
        'spending-returned',
        { role: 'PARK_OPERATOR', parkId: park.parkId },
        '资金使用被退回',
        `${park.name}于 ${entry.occurredOn} 登记的支出（${entry.category ? CATEGORY_NAMES[entry.category] : '支出'} ${formatYuan(entry.amountFen)} 元）被退回，不计入已支出：${reason}`,
      );
    }
  });
  return loadEntry(context.dataSource, entry.id);
}
