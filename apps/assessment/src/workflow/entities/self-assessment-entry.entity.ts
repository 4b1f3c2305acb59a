import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface SelfAssessmentFigure {
  name: string;
  value: string;
  unit: string | null;
}

/** The park's self-assessment of one indicator; a draft until the assessment is submitted. Its evidence files are cited in `self_assessment_entry_evidence`. */
@Entity({ name: 'self_assessment_entry' })
export class SelfAssessmentEntryEntity {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @PrimaryColumn({ name: 'indicator_code', type: 'varchar', length: 20 })
  indicatorCode: string;

  @Column({ type: 'jsonb' })
  figures: SelfAssessmentFigure[];

  @Column({ type: 'text' })
  narrative: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
