import type { PolicyParameters } from '@cz/policy';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PolicyJurisdictionKind = 'CITY' | 'COUNTY';

/**
 * A version of the measures' parameters with its effective period (Art 21–22). Invariants (CHECKs
 * and the service's overlap guard): a county version names a 6-digit county, a city version none;
 * `effectiveTo` is null or not before `effectiveFrom`; two versions of the same jurisdiction never
 * share a day. Rows are never deleted, only ended, so a frozen application can always be re-judged.
 */
@Entity({ name: 'policy_version' })
export class PolicyVersionEntity {
  /** Business key chosen by the city bureau, e.g. CZ-HRSIP-2024-TRIAL. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'jurisdiction_kind', type: 'varchar', length: 10 })
  jurisdictionKind: PolicyJurisdictionKind;

  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  /** First day in force (Asia/Shanghai), YYYY-MM-DD. */
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** Last day in force, inclusive; null while open-ended. */
  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'jsonb' })
  parameters: PolicyParameters;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
