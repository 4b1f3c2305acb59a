import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A line of a park's roster of resident HR service institutions (入驻机构), one per credit code. */
@Entity({ name: 'resident_institution' })
export class ResidentInstitutionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'credit_code', type: 'char', length: 18 })
  creditCode: string;

  @Column({ name: 'licence_kind', type: 'varchar', length: 10 })
  licenceKind: 'LICENCE' | 'FILING';

  @Column({ name: 'licence_no', type: 'varchar', length: 100 })
  licenceNo: string;

  /** YYYY-MM-DD; null when the licence or filing does not expire. */
  @Column({ name: 'licence_valid_until', type: 'date', nullable: true })
  licenceValidUntil: string | null;

  @Column({ type: 'boolean' })
  operating: boolean;

  /** Integer fen; pg returns bigint as a string, and it stays one. */
  @Column({ name: 'revenue_fen', type: 'bigint' })
  revenueFen: string;

  @Column({ name: 'revenue_year', type: 'int' })
  revenueYear: number;

  @Column({ name: 'source_application_id', type: 'uuid', nullable: true })
  sourceApplicationId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
