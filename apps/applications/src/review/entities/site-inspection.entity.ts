import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 实地考察记录: the record of a visit to the park during joint evaluation. */
@Entity({ name: 'site_inspection' })
export class SiteInspectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  /** Asia/Shanghai day, YYYY-MM-DD. */
  @Column({ name: 'inspected_on', type: 'date' })
  inspectedOn: string;

  @Column({ type: 'text' })
  inspectors: string;

  @Column({ type: 'text' })
  findings: string;

  @Column({ type: 'text' })
  conclusion: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
