import type { DeclaredFacts, RuleResult } from '@cz/policy';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One submission (提交) of an application: the declared facts frozen as they were, judged by the
 * policy version in force that day. Rounds count 1, 2, … per resubmission after a return; rows
 * are never changed (trigger), so reviewers always see what was actually submitted.
 */
@Entity({ name: 'application_submission' })
export class ApplicationSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'jsonb' })
  facts: DeclaredFacts;

  @Column({ name: 'policy_version_code', type: 'varchar', length: 64 })
  policyVersionCode: string;

  @Column({ type: 'jsonb' })
  eligibility: RuleResult[];

  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3 })
  submittedAt: Date;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100 })
  submittedBy: string;
}
