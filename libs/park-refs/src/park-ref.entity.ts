import type { ParkStatus } from '@cz/queue-contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A service's local copy of the registry's facts about a park, kept current by
 * `registry.park-profile-changed` events. It lets a service decide jurisdiction (which county a
 * park is in) without reading the registry's schema or calling it on every request.
 */
@Entity({ name: 'park_ref' })
export class ParkRefEntity {
  @PrimaryColumn({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'official_name', type: 'varchar', length: 120, nullable: true })
  officialName: string | null;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'varchar', length: 20 })
  status: ParkStatus;

  /** The registry's park version this copy reflects. */
  @Column({ name: 'source_version', type: 'int' })
  sourceVersion: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What a subgraph that only extends Park resolves its Park fields from: the federation key. */
export interface ParkReference {
  id: string;
}
