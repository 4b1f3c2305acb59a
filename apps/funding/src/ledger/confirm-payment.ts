import { shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError } from '@cz/errors';
import { formatYuan, notInFuture, requiredText } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { authorizeOnAward } from './ledger-access';
import { loadEntry } from './ledger-entries';
import { idempotencyKey as validKey, positiveFen } from './ledger-input.rules';
import { AWARD_KIND_NAMES, AWARD_STATUS_NAMES } from './ledger-names';
import { notifyAboutEntry } from './ledger-notifications';
import { availableToPayOf, lockAward } from './ledger-totals';
import { insertEntry, settleAward } from './ledger-writes';

export interface PaymentInput {
  awardId: string;
  amount: string;
  paidOn: string;
  voucherNo: string;
  idempotencyKey: string;
}

interface ValidPayment {
  awardId: string;
  amountFen: bigint;
  paidOn: string;
  voucherNo: string;
  key: string;
}

/**
 * The entry already made under this key: the same payment is answered with it; the key reused
 * for another payment is refused, since answering it would hide a payment that was never made.
 */
async function replayed(manager: EntityManager, payment: ValidPayment): Promise<string | null> {
  const rows: Array<{ id: string; award_id: string; kind: string; amount_fen: string; occurred_on: string; voucher_no: string | null }> = await manager.query(
    `SELECT "id", "award_id", "kind", "amount_fen", "occurred_on"::text AS "occurred_on", "voucher_no" FROM "${SCHEMA}"."ledger_entry" WHERE "idempotency_key" = $1`,
    [payment.key],
  );
  if (rows.length === 0) return null;
  const [entry] = rows;
  const same = entry.kind === 'PAYMENT' && entry.award_id === payment.awardId && BigInt(entry.amount_fen) === payment.amountFen && entry.occurred_on === payment.paidOn && entry.voucher_no === payment.voucherNo;
  if (!same) throw new ConflictError('该幂等键已用于另一笔拨付，请为新的拨付使用新的幂等键', { field: 'idempotencyKey', entryId: entry.id });
  return entry.id;
}

/**
 * 确认拨付: under the award's row lock, so concurrent payments on one award queue and none can
 * pay beyond what is granted; a replay (same key) returns the first entry and writes nothing.
 */
export async function confirmPayment(context: Context, input: PaymentInput) {
  const { award, park } = await authorizeOnAward(context, 'funding.pay', input.awardId);
  const payment: ValidPayment = {
    awardId: award.id,
    amountFen: positiveFen('amount', input.amount),
    paidOn: notInFuture('paidOn', input.paidOn, shanghaiDate(context.now()), '拨付日期'),
    voucherNo: requiredText('voucherNo', input.voucherNo, '拨付凭证号', 64),
    key: validKey('idempotencyKey', input.idempotencyKey),
  };
  const entryId = await context.dataSource.transaction(async (manager) => {
    const locked = await lockAward(manager, award.id);
    const earlier = await replayed(manager, payment);
    if (earlier) return earlier;
    if (locked.status !== 'APPROVED' && locked.status !== 'PAID') {
      throw new ConflictError(`该资金当前状态为“${AWARD_STATUS_NAMES[locked.status]}”，不能拨付`, { status: locked.status });
    }
    const available = availableToPayOf(locked.totals);
    if (payment.amountFen > available) {
      throw new BadUserInputError(
        'amount',
        `本次拨付 ${formatYuan(payment.amountFen)} 元超过尚未拨付的 ${formatYuan(available)} 元（已核定 ${formatYuan(locked.totals.granted)} 元，已拨付 ${formatYuan(locked.totals.paid)} 元）`,
        { availableFen: available.toString(), grantedFen: locked.totals.granted.toString(), paidFen: locked.totals.paid.toString() },
      );
    }
    const id = await insertEntry(manager, { awardId: award.id, kind: 'PAYMENT', amountFen: payment.amountFen, occurredOn: payment.paidOn, voucherNo: payment.voucherNo, idempotencyKey: payment.key, recordedBy: context.identity });
    // The key was taken meanwhile by a payment on another award (same-award replays queue on the lock).
    if (!id) return (await replayed(manager, payment)) as string;
    const { totals, status } = await settleAward(manager, locked);
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.pay',
      targetType: 'FundingAward',
      targetId: award.id,
      changes: { entryId: id, amountFen: payment.amountFen.toString(), paidOn: payment.paidOn, voucherNo: payment.voucherNo, paidFen: [locked.totals.paid.toString(), totals.paid.toString()], status: [locked.status, status] },
      requestId: context.requestId,
    });
    await notifyAboutEntry(
      manager,
      award.id,
      id,
      'payment-confirmed',
      { role: 'PARK_OPERATOR', parkId: award.parkId },
      '资金已拨付',
      `${park.name}的${award.year} 年度${AWARD_KIND_NAMES[award.kind]}已拨付 ${formatYuan(payment.amountFen)} 元（凭证号 ${payment.voucherNo}，${payment.paidOn}），累计已拨付 ${formatYuan(totals.paid)} 元，共核定 ${formatYuan(totals.granted)} 元。`,
    );
    return id;
  });
  return loadEntry(context.dataSource, entryId);
}
