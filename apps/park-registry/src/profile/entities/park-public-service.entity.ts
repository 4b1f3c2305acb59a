import type { PublicServiceFunction } from '@cz/policy';
import { Entity, PrimaryColumn } from 'typeorm';

/** A public service function (Art 6(四)) a park offers; the pair is the key, so none is listed twice. */
@Entity({ name: 'park_public_service' })
export class ParkPublicServiceEntity {
  @PrimaryColumn({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @PrimaryColumn({ name: 'function', type: 'varchar', length: 40 })
  function: PublicServiceFunction;
}
