import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reviewer assigned to score an assessment; the REVIEWER role's ASSIGNED scope is read from here. */
@Entity({ name: 'assessment_reviewer' })
export class AssessmentReviewerEntity {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  /** The reviewer's JWT subject. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'boolean' })
  lead: boolean;

  @Column({ name: 'assigned_by', type: 'varchar', length: 100 })
  assignedBy: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;
}
