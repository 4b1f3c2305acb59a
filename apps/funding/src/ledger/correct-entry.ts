import { shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError } from '@cz/errors';
import { formatYuan, requiredText } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { LedgerEntryEntity } from './ledger-entry.entity';
import { authorizeOnEntry } from './ledger-access';
import { loadEntry } from './ledger-entries';

import { ENTRY_KIND_NAMES } from './ledger-names';
import { notifyAboutEntry } from './ledger-notifications';
import { type AwardTotals, lockAward } from './ledger-totals';
import { insertEntry, settleAward } from './ledger-writes';

/**
 * What may be reversed, judged under the award's lock. A reversal that would leave more paid than
 * granted, or more spent than paid, is refused: payments and spending are checked against those
 * totals, so they must stay true; the later entries are corrected (or returned) first.
 */
function refusal(entry: LedgerEntryEntity, totals: AwardTotals): string | null {
  const amount = BigInt(entry.amountFen);
  if (entry.reversal) return `第 ${entry.id} 号分录已被第 ${entry.reversal.id} 号更正分录冲销`;
  if (entry.review?.decision === 'RETURN') return `第 ${entry.id} 号支出已被退回，不计入已支出，无需更正`;
  if (entry.kind === 'GRANT' && totals.granted - amount < totals.paid) {
    return `冲销后已核定 ${formatYuan(totals.granted - amount)} 元将少于已拨付 ${formatYuan(totals.paid)} 元，请先更正相关拨付`;
  }
  if (entry.kind === 'PAYMENT' && totals.paid - amount < totals.spent) {
    return `冲销后已拨付 ${formatYuan(totals.paid - amount)} 元将少于已支出 ${formatYuan(totals.spent)} 元，请先更正或退回相关支出`;
  }
  return null;
}

/** 更正: a CORRECTION entry reversing one entry in full; nothing is edited or deleted. */
export async function correctLedgerEntry(context: Context, entryId: string, reasonInput: string) {
  const { entry, park } = await authorizeOnEntry(context, 'funding.correct', entryId);
  if (entry.kind === 'CORRECTION') throw new BadUserInputError('entryId', '更正分录不能再被更正；如需恢复原分录，请重新登记');
  const reason = requiredText('reason', reasonInput, '更正理由', 500, true);
  const correctionId = await context.dataSource.transaction(async (manager) => {
    const locked = await lockAward(manager, entry.awardId);
    const current = await loadEntry(manager, entry.id);
    const refused = refusal(current, locked.totals);
    if (refused) throw new ConflictError(refused, { entryId: entry.id });
    const id = await insertEntry(manager, {
      awardId: entry.awardId,
      kind: 'CORRECTION',
      amountFen: BigInt(entry.amountFen),
      reversesEntryId: entry.id,
      reason,
      description: `冲销第 ${entry.id} 号${ENTRY_KIND_NAMES[entry.kind]}分录`,
      occurredOn: shanghaiDate(context.now()),
      recordedBy: context.identity,
    });
    if (!id) throw new Error('a correction has no idempotency key and cannot conflict');
    const { totals, status } = await settleAward(manager, locked);
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.correct',
      targetType: 'FundingAward',
      targetId: entry.awardId,
      changes: {
        entryId: id,
        reversesEntryId: entry.id,
        reason,
        grantedFen: [locked.totals.granted.toString(), totals.granted.toString()],
        paidFen: [locked.totals.paid.toString(), totals.paid.toString()],
        spentFen: [locked.totals.spent.toString(), totals.spent.toString()],
        status: [locked.status, status],
      },
      requestId: context.requestId,
    });
    await notifyAboutEntry(
      manager,
      entry.awardId,
      id,
      'corrected',
      { role: 'PARK_OPERATOR', parkId: park.parkId },
      '资金台账已更正',
      `${park.name}资金台账第 ${entry.id} 号${ENTRY_KIND_NAMES[entry.kind]}分录（${formatYuan(entry.amountFen)} 元）已被冲销：${reason}`,
    );
    return id;
  });
  return loadEntry(context.dataSource, correctionId);
}
