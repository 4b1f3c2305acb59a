import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EnterpriseSubsidyKind = 'TALENT' | 'EMPLOYMENT_ENTREPRENEURSHIP' | 'LOAN_INTEREST' | 'JOB_REFERRAL' | 'OTHER';
export type EnterpriseSubsidyStatus = 'APPLIED' | 'GRANTED' | 'REJECTED' | 'WITHDRAWN';

/**
 * An Art 12 reference: a subsidy a resident enterprise applied for under another policy, as the
 * park, its county or the city recorded it. Indexes and checks are created by the migration and
 * declared here so the invariants are read where the row is.
 */
@Entity({ name: 'enterprise_subsidy_reference' })
// A form submitted twice is one record.
@Index('enterprise_subsidy_business_key_idx', ['parkId', 'enterpriseCreditCode', 'policyName', 'kind', 'appliedOn'], { unique: true })
@Index('enterprise_subsidy_park_recorded_idx', ['parkId', 'recordedAt', 'id'])
@Index('enterprise_subsidy_recorded_idx', ['recordedAt', 'id'])
@Check('enterprise_subsidy_amount_positive', `"amount_fen" > 0`)
@Check('enterprise_subsidy_decision_dated', `"status" NOT IN ('GRANTED', 'REJECTED') OR "decided_on" IS NOT NULL`)
@Check('enterprise_subsidy_pending_undecided', `"status" <> 'APPLIED' OR "decided_on" IS NULL`)
@Check('enterprise_subsidy_decided_after_applied', `"decided_on" >= "applied_on"`)
export class EnterpriseSubsidyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The registry's park id; the park's county comes from park_ref. */
  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ name: 'enterprise_name', type: 'varchar', length: 100 })
  enterpriseName: string;

  /** 统一社会信用代码 (GB 32100), upper case. */
  @Column({ name: 'enterprise_credit_code', type: 'char', length: 18 })
  enterpriseCreditCode: string;

  @Column({ name: 'policy_name', type: 'varchar', length: 200 })
  policyName: string;

  @Column({ name: 'subsidy_kind', type: 'varchar', length: 30 })
  kind: EnterpriseSubsidyKind;

  /** Integer fen as applied for or granted; recorded, never derived. pg returns bigint as a string. */
  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen: string;

  @Column({ type: 'varchar', length: 20 })
  status: EnterpriseSubsidyStatus;

  @Column({ name: 'applied_on', type: 'date' })
  appliedOn: string;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Bumped by every guarded UPDATE; a client sends the version it saw. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
