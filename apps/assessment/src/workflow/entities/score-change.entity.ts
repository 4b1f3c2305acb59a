import type { AssessmentPhase } from '@cz/policy';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One score given or changed; the table is append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'score_change' })
export class ScoreChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @Column({ type: 'varchar', length: 20 })
  phase: AssessmentPhase;

  @Column({ name: 'indicator_code', type: 'varchar', length: 20 })
  indicatorCode: string;

  @Column({ name: 'changed_by', type: 'varchar', length: 100 })
  changedBy: string;

  @Column({ name: 'changed_role', type: 'varchar', length: 32 })
  changedRole: string;

  @Column({ type: 'boolean' })
  lead: boolean;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ name: 'score_before', type: 'numeric', precision: 5, scale: 2, nullable: true })
  scoreBefore: string | null;

  @Column({ name: 'score_after', type: 'numeric', precision: 5, scale: 2 })
  scoreAfter: string;

  @Column({ type: 'text' })
  justification: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
