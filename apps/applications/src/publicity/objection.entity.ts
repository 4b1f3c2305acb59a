import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ObjectionStatus = 'OPEN' | 'UPHELD' | 'DISMISSED';

/**
 * An objection (异议) to one application of a publicity period. The filer's name and contact are
 * personal information (Art 17): the city bureau only. While OPEN it holds the application in the
 * period past its end; a decision always records who, when and why (CHECK in the migration).
 */
@Entity({ name: 'objection' })
export class ObjectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'publicity_id', type: 'uuid' })
  publicityId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'filer_name', type: 'varchar', length: 50, nullable: true })
  filerName: string | null;

  @Column({ name: 'filer_contact', type: 'varchar', length: 100 })
  contact: string;

  @Column({ type: 'text' })
  reason: string;

  /** The client address the gateway saw: the key of the public rate limit. */
  @Column({ name: 'source_address', type: 'varchar', length: 64, nullable: true })
  sourceAddress: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: ObjectionStatus;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 100, nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'filed_at', type: 'timestamptz', precision: 3 })
  filedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;
}
