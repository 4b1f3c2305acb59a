import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AssessmentCycleStatus = 'OPEN' | 'CLOSED';

/** One yearly cycle (Art 18): the year assessed, its template and its deadlines (YYYY-MM-DD, Beijing). */
@Entity({ name: 'assessment_cycle' })
export class AssessmentCycleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int', unique: true })
  year: number;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'submission_deadline', type: 'date' })
  submissionDeadline: string;

  @Column({ name: 'review_deadline', type: 'date' })
  reviewDeadline: string;

  /** The day each submission reminder goes out, by working days before the deadline. */
  @Column({ name: 'reminder_days', type: 'jsonb' })
  reminderDays: Record<string, string>;

  @Column({ type: 'varchar', length: 10 })
  status: AssessmentCycleStatus;

  @Column({ name: 'opened_by', type: 'varchar', length: 200 })
  openedBy: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
