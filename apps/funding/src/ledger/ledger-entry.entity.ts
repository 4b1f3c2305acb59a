import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FundingAwardEntity } from '../entities/funding-award.entity';
import type { SpendingReviewEntity } from './spending-review.entity';

export type LedgerEntryKind = 'GRANT' | 'PAYMENT' | 'SPENDING' | 'CORRECTION';
export type SpendingCategory = 'RENT_SUBSIDY' | 'RENOVATION' | 'PROPERTY_MANAGEMENT' | 'PUBLIC_VENUES' | 'PARK_OPERATION';

/**
 * One append-only movement of an award's money (see the ledger migration for the conventions).
 * Rows are written by INSERT only; a trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'ledger_entry' })
// A replayed payment (or grant) is answered with the entry it made first.
@Index('ledger_entry_idempotency_key_idx', ['idempotencyKey'], { unique: true })
// An entry is reversed at most once.
@Index('ledger_entry_one_reversal_idx', ['reversesEntryId'], { unique: true, where: `"reverses_entry_id" IS NOT NULL` })
@Index('ledger_entry_award_idx', ['awardId', 'id'])
export class LedgerEntryEntity {
  /** bigserial, as a string (pg returns bigint as text); increasing in the order entries were recorded. */
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: LedgerEntryKind;

  /** Positive integer fen; the kind (or, for a correction, the reversed entry's kind) says which total it moves. */
  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen: string;

  @Column({ name: 'reverses_entry_id', type: 'bigint', nullable: true })
  reversesEntryId: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  category: SpendingCategory | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** A spending's description of its evidence (the cited files' names when the park gave none); the files are in ledger_entry_evidence. */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'voucher_no', type: 'varchar', length: 64, nullable: true })
  voucherNo: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Asia/Shanghai day, YYYY-MM-DD. */
  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ name: 'recorded_role', type: 'varchar', length: 32 })
  recordedRole: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Joined by the ledger queries (never columns). */
  award?: FundingAwardEntity;
  review?: SpendingReviewEntity | null;
  /** The correction that reversed this entry. */
  reversal?: LedgerEntryEntity | null;
  /** For a correction: the entry it reverses. */
  reversed?: LedgerEntryEntity | null;
}
