import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CountyKind = 'DISTRICT' | 'COUNTY' | 'DEVELOPMENT_ZONE';

/** Reference data, loaded by migration: the counties and zones whose bureaus manage parks. */
@Entity({ name: 'county' })
export class CountyEntity {
  /** GB/T 2260 administrative division code (statistical code for development zones). */
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CountyKind;
}
