import type { ApplicationStage } from '@cz/policy';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 认定申报 (Art 6–7) or 增设分园区 (Art 8). */
export type ApplicationKind = 'RECOGNITION' | 'SUB_PARK';

/** The procedure of Art 7, plus the two exits any review stage may take (see @cz/policy application-stages). */
export type { ApplicationStage };

/**
 * One application (申报) of a park for a year. The park is owned by the registry: `parkId` is its
 * federation key, and its county comes from this service's park_ref copy. Invariants (CHECKs in
 * the migration): only a draft has no `submittedAt`; only a final decision (approved or rejected)
 * has a `decidedAt`. `version` is bumped by every guarded UPDATE of the workflow.
 */
@Entity({ name: 'application' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ApplicationKind;

  @Column({ type: 'varchar', length: 20 })
  stage: ApplicationStage;

  /** 申报年度. */
  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'int' })
  version: number;

  /** Millisecond precision, so a pagination cursor (a JS Date) names a row exactly. */
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
