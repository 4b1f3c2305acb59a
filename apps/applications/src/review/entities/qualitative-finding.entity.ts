import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The Art 6 conditions that people judge: (一) planning report, (四) operating team, (五) social benefits. */
export const QUALITATIVE_CRITERIA = ['PLANNING_REPORT', 'OPERATING_TEAM', 'SOCIAL_BENEFITS'] as const;
export type QualitativeCriterion = (typeof QUALITATIVE_CRITERIA)[number];

/** The reviewers' finding on one qualitative criterion, with its evidence; one per criterion. */
@Entity({ name: 'qualitative_finding' })
export class QualitativeFindingEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  criterion: QualitativeCriterion;

  @Column({ type: 'text' })
  finding: string;

  @Column({ type: 'text' })
  evidence: string;

  @Column({ type: 'boolean' })
  satisfied: boolean;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
