import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type FundingKind = 'RECOGNITION_AWARD' | 'OPERATING_SUBSIDY';
export type FundingStatus = 'PENDING' | 'APPROVED' | 'HELD' | 'PAID' | 'CANCELLED';

/**
 * One sum of money granted to a park: the Art 9 recognition award or an Art 10 yearly operating
 * subsidy. The indexes and checks are created by the migration; they are declared here so the
 * invariants are read where the row is.
 */
@Entity({ name: 'funding_award' })
// Art 9: the recognition award is paid once per park, ever, whatever the year or status.
@Index('funding_award_one_recognition_per_park_idx', ['parkId'], { unique: true, where: `"kind" = 'RECOGNITION_AWARD'` })
// Art 10: at most one operating subsidy per park and funding year.
@Index('funding_award_one_subsidy_per_park_year_idx', ['parkId', 'year'], { unique: true, where: `"kind" = 'OPERATING_SUBSIDY'` })
@Index('funding_award_park_created_idx', ['parkId', 'createdAt', 'id'])
@Index('funding_award_created_idx', ['createdAt', 'id'])
// A zero or negative award is a mistake, never a business fact; reversals belong to the ledger.
// A subsidy below the Art 10 threshold is recorded at 0 with its worksheet, so the park sees why.
@Check('funding_award_amount_positive', `"amount_fen" > 0 OR ("kind" = 'OPERATING_SUBSIDY' AND "amount_fen" = 0)`)
// Page cursors carry created_at as a JavaScript Date (ms): a microsecond part would split pages.
export class FundingAwardEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The registry's park id; the park's county comes from park_ref. */
  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: FundingKind;

  /** 资金年度: the year the money is for (the recognition year, or the assessed year Y). */
  @Column({ type: 'int' })
  year: number;

  /** Integer fen; pg returns bigint as a string, and it stays one. */
  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen: string;

  @Column({ type: 'varchar', length: 20 })
  status: FundingStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Bumped by every guarded UPDATE, so of two concurrent changes only one applies. */
  @Column({ type: 'int' })
  version: number;
}
