import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A site of a park: its one core site (核心园区, a partial unique index) or a sub-park (分园区).
 * Sub-parks approved under Art 8 name the application that added them, once each.
 */
@Entity({ name: 'park_site' })
export class ParkSiteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  address: string;

  /** m² with two decimals; pg returns numeric as a string. */
  @Column({ name: 'building_area_m2', type: 'numeric', precision: 12, scale: 2 })
  buildingAreaM2: string;

  @Column({ name: 'is_core', type: 'boolean' })
  isCore: boolean;

  @Column({ name: 'added_by_application_id', type: 'uuid', nullable: true })
  addedByApplicationId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
