import type { Grade } from '@cz/policy';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 进行中 → 已自评 → 县区已审核 → (整改中 → 复评中 →) 已定级. SCORED is kept for history rows: the
 * workflow finalises straight from CHECKED or REASSESSING.
 */
export type AssessmentStatus = 'OPEN' | 'SELF_ASSESSED' | 'CHECKED' | 'SCORED' | 'RECTIFYING' | 'REASSESSING' | 'FINAL';

/**
 * One park's assessment for one year (考核评估, Art 18–20). `year` is the year assessed; the city
 * bureau assesses it in Q1 of the following year. `version` is bumped by every guarded UPDATE.
 */
@Entity({ name: 'assessment' })
// One assessment per park per year: a cycle opened twice, or a replayed job, hits this index.
@Index('assessment_park_year_key', ['parkId', 'year'], { unique: true })
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'int' })
  year: number;

  /** Null for history recorded before cycles existed. */
  @Column({ name: 'cycle_id', type: 'uuid', nullable: true })
  cycleId: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: AssessmentStatus;

  /** 0–100 with two decimals; pg returns numeric as a string ("92.50"), and it stays one. */
  @Column({ name: 'total_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  totalScore: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  grade: Grade | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  @Column({ name: 'checked_by', type: 'varchar', length: 200, nullable: true })
  checkedBy: string | null;

  @Column({ name: 'return_reason', type: 'varchar', length: 500, nullable: true })
  returnReason: string | null;

  /** The first grading, kept when the re-assessment after a rectification decides the final grade. */
  @Column({ name: 'initial_total_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  initialTotalScore: string | null;

  @Column({ name: 'initial_grade', type: 'varchar', length: 20, nullable: true })
  initialGrade: Grade | null;

  @Column({ type: 'boolean' })
  commended: boolean;

  @Column({ name: 'finalised_at', type: 'timestamptz', nullable: true })
  finalisedAt: Date | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
