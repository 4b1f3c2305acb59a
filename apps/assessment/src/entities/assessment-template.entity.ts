import type { AssessmentTemplateContent } from '@cz/policy';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An indicator template (Art 19 as data). Frozen by a trigger once a cycle uses it. */
@Entity({ name: 'assessment_template' })
export class AssessmentTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'jsonb' })
  content: AssessmentTemplateContent;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'int' })
  version: number;
}
