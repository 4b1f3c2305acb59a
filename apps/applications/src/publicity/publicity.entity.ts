import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PublicityStatus = 'OPEN' | 'CLOSED';

/**
 * A publicity period (公示, Art 7(三)). Invariants (CHECKs in the migration): at least 5 working
 * days; `endsAt` is 24:00 Beijing time of `endsOn`; only a CLOSED period has `closedAt`. The end
 * is recomputed when the working-day calendar changes, each time bumping `version`.
 */
@Entity({ name: 'publicity' })
export class PublicityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The day of posting (Asia/Shanghai); not counted in the period (Civil Code art. 201). */
  @Column({ name: 'posted_on', type: 'date' })
  postedOn: string;

  @Column({ name: 'working_days', type: 'int' })
  workingDays: number;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 10 })
  status: PublicityStatus;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'opened_by', type: 'varchar', length: 100 })
  openedBy: string;

  /** Millisecond precision, so a pagination cursor names a row exactly. */
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;
}
