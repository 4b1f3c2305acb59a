import type { ApplicationStage } from '@cz/policy';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ReviewOutcome = 'PASS' | 'RETURN' | 'REJECT';

/** What a reason is about: an Art 7 material item (same names as MaterialItem), the declared facts, or the whole application. */
export type ReviewReasonItem = 'LETTER' | 'APPROVAL_FORM' | 'FEASIBILITY_STUDY' | 'OPERATION_REPORT' | 'INSTITUTION_ROSTER' | 'OTHER' | 'FACTS' | 'GENERAL';

export interface ReviewReason {
  item: ReviewReasonItem;
  reason: string;
}

/** One 初审 or 审核 decision; returns and rejections carry at least one reason (CHECK in the migration). */
@Entity({ name: 'review_decision' })
export class ReviewDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  /** The stage the decision was taken in. */
  @Column({ type: 'varchar', length: 20 })
  stage: ApplicationStage;

  @Column({ type: 'varchar', length: 10 })
  decision: ReviewOutcome;

  @Column({ type: 'jsonb' })
  reasons: ReviewReason[];

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 100 })
  decidedBy: string;

  @Column({ name: 'decided_role', type: 'varchar', length: 32 })
  decidedRole: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
