import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every score a panel member gave, in order: the first has no `scoreBefore`. */
@Entity({ name: 'evaluation_score_change' })
export class EvaluationScoreChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ name: 'changed_by', type: 'varchar', length: 100 })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ name: 'score_before', type: 'numeric', precision: 5, scale: 2, nullable: true })
  scoreBefore: string | null;

  @Column({ name: 'score_after', type: 'numeric', precision: 5, scale: 2 })
  scoreAfter: string;
}
