import type { AssessmentPhase } from '@cz/policy';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current score of one indicator in one phase; every change also leaves a ScoreChangeEntity. */
@Entity({ name: 'indicator_score' })
export class IndicatorScoreEntity {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  phase: AssessmentPhase;

  @PrimaryColumn({ name: 'indicator_code', type: 'varchar', length: 20 })
  indicatorCode: string;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  score: string;

  @Column({ type: 'text' })
  justification: string;

  @Column({ name: 'scored_by', type: 'varchar', length: 100 })
  scoredBy: string;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt: Date;
}
