import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RectificationStatus = 'OPEN' | 'SUBMITTED' | 'CLOSED';

/**
 * 责令限期整改 (Art 20(二)): ordered when the initial grade is unqualified, one per assessment.
 * The cycles module's deadline jobs remind before `deadline` and set `overdueFlaggedAt` after it.
 */
@Entity({ name: 'rectification' })
export class RectificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid', unique: true })
  assessmentId: string;

  @Column({ name: 'ordered_on', type: 'date' })
  orderedOn: string;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'varchar', length: 2000 })
  requirements: string;

  @Column({ type: 'varchar', length: 20 })
  status: RectificationStatus;

  @Column({ type: 'text', nullable: true })
  report: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'overdue_flagged_at', type: 'timestamptz', nullable: true })
  overdueFlaggedAt: Date | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
