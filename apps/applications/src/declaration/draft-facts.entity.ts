import type { DeclaredFacts } from '@cz/policy';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The facts a park is declaring, editable while its application is a draft or returned. */
@Entity({ name: 'application_draft_facts' })
export class DraftFactsEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'jsonb' })
  facts: DeclaredFacts;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy: string;
}
