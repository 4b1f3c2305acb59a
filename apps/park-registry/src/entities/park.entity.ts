import type { ParkStatus } from '@cz/queue-contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A park's profile: the fields of the approval form (附件 审批表) plus its lifecycle status.
 * `version` is bumped by every guarded UPDATE; it is also the version other services compare
 * when they apply park-profile events out of order.
 */
@Entity({ name: 'park' })
export class ParkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'official_name', type: 'varchar', length: 120, nullable: true })
  officialName: string | null;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'varchar', length: 200 })
  address: string;

  @Column({ type: 'varchar', length: 20 })
  status: ParkStatus;

  /** Personal information (Art 17). */
  @Column({ name: 'contact_name', type: 'varchar', length: 50 })
  contactName: string;

  /** Personal information (Art 17). */
  @Column({ name: 'contact_phone', type: 'varchar', length: 20 })
  contactPhone: string;

  @Column({ name: 'property_ownership', type: 'varchar', length: 100 })
  propertyOwnership: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn: string;

  /** Integer fen; pg returns bigint as a string, and it stays one. */
  @Column({ name: 'construction_investment_fen', type: 'bigint' })
  constructionInvestmentFen: string;

  /** m² with two decimals; pg returns numeric as a string. */
  @Column({ name: 'building_area_m2', type: 'numeric', precision: 12, scale: 2 })
  buildingAreaM2: string;

  @Column({ name: 'management_team_size', type: 'int' })
  managementTeamSize: number;

  @Column({ name: 'construction_mode', type: 'varchar', length: 20 })
  constructionMode: 'NEW' | 'RENOVATED';

  @Column({ name: 'services_offered', type: 'varchar', array: true })
  servicesOffered: string[];

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
