import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 评审结论: the city bureau closed the joint evaluation; at most one per application is current (not superseded). */
@Entity({ name: 'evaluation_conclusion' })
export class EvaluationConclusionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'concluded_by', type: 'varchar', length: 100 })
  concludedBy: string;

  @Column({ name: 'concluded_at', type: 'timestamptz' })
  concludedAt: Date;

  /** Mean of the panel's scores, rounded half away from zero to two decimals. */
  @Column({ name: 'average_score', type: 'numeric', precision: 5, scale: 2 })
  averageScore: string;

  /** Set when a resubmitted application re-enters joint evaluation. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
