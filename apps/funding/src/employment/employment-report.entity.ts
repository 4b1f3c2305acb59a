import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EmploymentReportStatus = 'REPORTED' | 'VERIFIED' | 'RETURNED';

/**
 * 园区促进就业情况报告 (Art 10): one per park and year. A RETURNED report is corrected in place by a
 * guarded update on version; the audit log keeps the figures it replaced.
 */
@Entity({ name: 'employment_report' })
@Index('employment_report_park_year_idx', ['parkId', 'year'], { unique: true })
export class EmploymentReportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'employment_promoted', type: 'int' })
  employmentPromoted: number;

  /** A description of the evidence (the cited files' names when the park gave none); the files are in employment_report_evidence. */
  @Column({ type: 'text' })
  evidence: string;

  @Column({ type: 'varchar', length: 10 })
  status: EmploymentReportStatus;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'reported_by', type: 'varchar', length: 100 })
  reportedBy: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'verified_by', type: 'varchar', length: 100, nullable: true })
  verifiedBy: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
