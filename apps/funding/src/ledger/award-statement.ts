import { shanghaiDate } from '@cz/calendar';
import { formatYuan } from '@cz/policy';
import type { ResolversTypes, StatementLineKind } from '../generated/graphql';
import type { LedgerEntryEntity, LedgerEntryKind } from './ledger-entry.entity';
import { toLedgerEntry } from './ledger-entries';
import { CATEGORY_NAMES, ENTRY_KIND_NAMES } from './ledger-names';
import { type AwardTotals, availableToPayOf, balanceOf } from './ledger-totals';

interface Change {
  granted: bigint;
  paid: bigint;
  spent: bigint;
}

const NONE: Change = { granted: 0n, paid: 0n, spent: 0n };

/** How an entry of a kind moves the totals; a correction moves them the opposite way of what it reverses. */
function changeOf(kind: Exclude<LedgerEntryKind, 'CORRECTION'>, amount: bigint): Change {
  switch (kind) {
    case 'GRANT':
      return { ...NONE, granted: amount };
    case 'PAYMENT':
      return { ...NONE, paid: amount };
    case 'SPENDING':
      return { ...NONE, spent: amount };
  }
}

const negate = (change: Change): Change => ({ granted: -change.granted, paid: -change.paid, spent: -change.spent });

interface Line {
  sequence: bigint;
  kind: StatementLineKind;
  entry: LedgerEntryEntity;
  date: string;
  description: string;
  change: Change;
}

function describe(entry: LedgerEntryEntity): string {
  const amount = `${formatYuan(entry.amountFen)} 元`;
  switch (entry.kind) {
    case 'GRANT':
      return `核定 ${amount}：${entry.description ?? ''}`;
    case 'PAYMENT':
      return `财政拨付 ${amount}（凭证号 ${entry.voucherNo}）`;
    case 'SPENDING':
      return `支出 ${amount}｜${entry.category ? CATEGORY_NAMES[entry.category] : ''}：${entry.description}（凭证：${entry.evidence}）`;
    case 'CORRECTION':
      return `更正 ${amount}：冲销第 ${entry.reversesEntryId} 号${entry.reversed ? ENTRY_KIND_NAMES[entry.reversed.kind] : ''}分录，理由：${entry.reason}`;
  }
}

/** An entry's line, plus a second line when a spending was returned (at the review's place in time). */
function linesOf(entry: LedgerEntryEntity): Line[] {
  const amount = BigInt(entry.amountFen);
  const reversedKind = entry.reversed?.kind;
  if (entry.kind === 'CORRECTION' && (!reversedKind || reversedKind === 'CORRECTION')) throw new Error(`correction ${entry.id} was loaded without the entry it reverses`);
  const change = entry.kind === 'CORRECTION' ? negate(changeOf(reversedKind as Exclude<LedgerEntryKind, 'CORRECTION'>, amount)) : changeOf(entry.kind, amount);
  const lines: Line[] = [{ sequence: BigInt(entry.id), kind: entry.kind, entry, date: entry.occurredOn, description: describe(entry), change }];
  const { review } = entry;
  if (review?.decision === 'RETURN') {
    lines.push({ sequence: BigInt(review.id), kind: 'SPENDING_RETURNED', entry, date: shanghaiDate(review.reviewedAt), description: `第 ${entry.id} 号支出被退回，不计入已支出：${review.reason}`, change: { ...NONE, spent: -amount } });
  }
  return lines;
}

/**
 * 对账单: every entry (and every return of a spending) in the order it was recorded, with the
 * signed changes and the running balance. The totals come from the SQL view, so a statement whose
 * last running balance differs from `balance` would show a disagreement rather than hide it.
 */
export function buildStatement(entries: readonly LedgerEntryEntity[], totals: AwardTotals): ResolversTypes['AwardStatement'] {
  const lines = entries.flatMap(linesOf).sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
  let running = 0n;
  const balance = balanceOf(totals);
  return {
    lines: lines.map((line) => {
      const balanceChange = line.change.paid - line.change.spent;
      running += balanceChange;
      return {
        kind: line.kind,
        entry: toLedgerEntry(line.entry),
        date: line.date,
        description: line.description,
        grantedChange: line.change.granted.toString(),
        paidChange: line.change.paid.toString(),
        spentChange: line.change.spent.toString(),
        balanceChange: balanceChange.toString(),
        runningBalance: running.toString(),
        runningBalanceYuan: formatYuan(running),
      };
    }),
    granted: totals.granted.toString(),
    paid: totals.paid.toString(),
    spent: totals.spent.toString(),
    balance: balance.toString(),
    availableToPay: availableToPayOf(totals).toString(),
    summary: `已核定 ${formatYuan(totals.granted)} 元，已拨付 ${formatYuan(totals.paid)} 元，已支出 ${formatYuan(totals.spent)} 元，结余 ${formatYuan(balance)} 元，待拨付 ${formatYuan(availableToPayOf(totals))} 元。`,
  };
}
