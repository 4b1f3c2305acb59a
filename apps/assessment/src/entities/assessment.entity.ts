import type { Grade } from '@cz/policy';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 进行中 → 已自评 → 已评分 → (整改中 →) 已定级. */
export type AssessmentStatus = 'OPEN' | 'SELF_ASSESSED' | 'SCORED' | 'RECTIFYING' | 'FINAL';

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

  @Column({ type: 'varchar', length: 20 })
  status: AssessmentStatus;

  /** 0–100 with two decimals; pg returns numeric as a string ("92.50"), and it stays one. */
  @Column({ name: 'total_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  totalScore: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  grade: Grade | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
