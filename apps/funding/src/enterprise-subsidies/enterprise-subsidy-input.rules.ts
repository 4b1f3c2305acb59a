import { BadUserInputError, ConflictError } from '@cz/errors';
import { creditCode, notInFuture, text } from '@cz/policy';
import { positiveFen } from '../ledger/ledger-input.rules';
import type { EnterpriseSubsidyKind, EnterpriseSubsidyStatus } from './enterprise-subsidy.entity';

export const STATUS_NAMES: Readonly<Record<EnterpriseSubsidyStatus, string>> = { APPLIED: '已申报', GRANTED: '已获批', REJECTED: '未获批', WITHDRAWN: '已撤回' };

/** Where an application can go once recorded; a decision is final. */
const NEXT_STATUSES: Readonly<Record<EnterpriseSubsidyStatus, readonly EnterpriseSubsidyStatus[]>> = { APPLIED: ['GRANTED', 'REJECTED', 'WITHDRAWN'], GRANTED: [], REJECTED: [], WITHDRAWN: [] };
const DATED_DECISIONS: readonly EnterpriseSubsidyStatus[] = ['GRANTED', 'REJECTED'];

export interface EnterpriseSubsidyInput {
  enterpriseName: string;
  enterpriseCreditCode: string;
  policyName: string;
  kind: EnterpriseSubsidyKind;
  amount: string;
  appliedOn: string;
  note?: string | null;
}

export type ValidSubsidyInput = Omit<EnterpriseSubsidyInput, 'amount' | 'note'> & { amountFen: bigint; note: string | null };

export function optionalNote(field: string, note: string | null | undefined): string | null {
  return note == null || note.trim() === '' ? null : text(field, note, '备注', { min: 0, max: 500, multiline: true });
}

/** The form of a new reference, normalised; `today` is the Shanghai date of the service clock. */
export function validateSubsidyInput(input: EnterpriseSubsidyInput, today: string): ValidSubsidyInput {
  return {
    enterpriseName: text('input.enterpriseName', input.enterpriseName, '企业名称', { min: 2, max: 100 }),
    enterpriseCreditCode: creditCode('input.enterpriseCreditCode', input.enterpriseCreditCode),
    policyName: text('input.policyName', input.policyName, '政策名称', { min: 2, max: 200 }),
    kind: input.kind,
    amountFen: positiveFen('input.amount', input.amount),
    appliedOn: notInFuture('input.appliedOn', input.appliedOn, today, '申报日期'),
    note: optionalNote('input.note', input.note),
  };
}

/** CONFLICT for a move the status cannot make (a decision is final; nothing goes back to APPLIED). */
export function assertMove(from: EnterpriseSubsidyStatus, to: EnterpriseSubsidyStatus): void {
  if (!NEXT_STATUSES[from].includes(to)) {
    throw new ConflictError(`补贴申报状态不能由“${STATUS_NAMES[from]}”变更为“${STATUS_NAMES[to]}”；只有“已申报”的记录可变更为已获批、未获批或已撤回`, { from, to });
  }
}

/** The decision date: required for GRANTED and REJECTED, not before the application, not after today. */
export function decisionDate(status: EnterpriseSubsidyStatus, decidedOn: string | null | undefined, appliedOn: string, today: string): string | null {
  if (decidedOn == null) {
    if (DATED_DECISIONS.includes(status)) throw new BadUserInputError('decidedOn', `状态为“${STATUS_NAMES[status]}”时必须填写决定日期`);
    return null;
  }
  if (decidedOn < appliedOn) throw new BadUserInputError('decidedOn', `决定日期不能早于申报日期（${appliedOn}）`, { appliedOn });
  return notInFuture('decidedOn', decidedOn, today, '决定日期');
}
