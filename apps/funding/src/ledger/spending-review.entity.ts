import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SpendingReviewDecision = 'ACCEPT' | 'RETURN';

/**
 * The county's (or city's) decision on one spending entry, kept in a table of its own so the
 * ledger is never updated; append-only too. A RETURNed spending no longer counts as spent.
 */
@Entity({ name: 'spending_review' })
// A review is final: one per spending entry.
@Index('spending_review_one_per_entry_idx', ['entryId'], { unique: true })
export class SpendingReviewEntity {
  /** Drawn from the ledger's sequence, so entries and reviews of an award sort in the order they happened. */
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'entry_id', type: 'bigint' })
  entryId: string;

  @Column({ type: 'varchar', length: 10 })
  decision: SpendingReviewDecision;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 100 })
  reviewedBy: string;

  @Column({ name: 'reviewed_role', type: 'varchar', length: 32 })
  reviewedRole: string;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt: Date;
}
