import { shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { BadUserInputError } from '@cz/errors';
import { formatYuan, notInFuture, requiredText } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { citedEvidence, citeEvidence, ENTRY_EVIDENCE, evidenceDescription } from '../evidence/evidence-files';
import type { SpendingCategory } from './ledger-entry.entity';
import { authorizeOnAward } from './ledger-access';
import { loadEntry } from './ledger-entries';
import { positiveFen } from './ledger-input.rules';
import { AWARD_KIND_NAMES, CATEGORY_NAMES } from './ledger-names';
import { notifyAboutEntry } from './ledger-notifications';
import { balanceOf, lockAward } from './ledger-totals';
import { insertEntry } from './ledger-writes';

export interface SpendingInput {
  category: SpendingCategory;
  amount: string;
  spentOn: string;
  description: string;
  /** Files the park uploaded as evidence, cited in this order. */
  evidenceFileIds: readonly string[];
  /** A description of the evidence (voucher numbers…); the files' names when left out. */
  evidence?: string | null;
}

/**
 * 资金使用登记 (Art 11): counts as spent at once (so two spendings can never together exceed the
 * balance) and awaits the county's review; refused, with nothing written, beyond the balance.
 */
export async function recordSpending(context: Context, awardId: string, input: SpendingInput) {
  const { award, park } = await authorizeOnAward(context, 'funding.spend', awardId);
  const amountFen = positiveFen('input.amount', input.amount);
  const spentOn = notInFuture('input.spentOn', input.spentOn, shanghaiDate(context.now()), '支出日期');
  const description = requiredText('input.description', input.description, '用途说明', 500, true);
  const files = await citedEvidence(context.dataSource, 'input.evidenceFileIds', input.evidenceFileIds, park.parkId);
  const evidence = evidenceDescription('input.evidence', input.evidence, files);
  const evidenceFileIds = files.map((file) => file.id);
  const entryId = await context.dataSource.transaction(async (manager) => {
    const locked = await lockAward(manager, award.id);
    const balance = balanceOf(locked.totals);
    if (amountFen > balance) {
      throw new BadUserInputError(
        'input.amount',
        `支出金额 ${formatYuan(amountFen)} 元超过该笔资金的结余 ${formatYuan(balance)} 元（已拨付 ${formatYuan(locked.totals.paid)} 元，已支出 ${formatYuan(locked.totals.spent)} 元）`,
        { balanceFen: balance.toString(), paidFen: locked.totals.paid.toString(), spentFen: locked.totals.spent.toString() },
      );
    }
    const id = await insertEntry(manager, { awardId: award.id, kind: 'SPENDING', amountFen, occurredOn: spentOn, category: input.category, description, evidence, recordedBy: context.identity });
    if (!id) throw new Error('a spending entry has no idempotency key and cannot conflict');
    await citeEvidence(manager, ENTRY_EVIDENCE, id, evidenceFileIds);
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.spend',
      targetType: 'FundingAward',
      targetId: award.id,
      changes: { entryId: id, category: input.category, amountFen: amountFen.toString(), spentOn, evidenceFileIds, spentFen: [locked.totals.spent.toString(), (locked.totals.spent + amountFen).toString()] },
      requestId: context.requestId,
    });
    await notifyAboutEntry(
      manager,
      award.id,
      id,
      'spending-recorded',
      { role: 'COUNTY_BUREAU', countyCode: park.countyCode },
      '资金使用待审核',
      `${park.name}登记了${award.year} 年度${AWARD_KIND_NAMES[award.kind]}的一笔支出：${CATEGORY_NAMES[input.category]} ${formatYuan(amountFen)} 元（${spentOn}），请审核。`,
    );
    return id;
  });
  return loadEntry(context.dataSource, entryId);
}
