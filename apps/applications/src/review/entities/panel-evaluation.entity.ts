import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A panel member's opinion and score (评审意见与评分); revisable until the evaluation is concluded. */
@Entity({ name: 'panel_evaluation' })
export class PanelEvaluationEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'text' })
  opinion: string;

  /** numeric(5,2), read as its exact decimal text. */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  score: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
