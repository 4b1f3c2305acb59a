import { insertTables } from '@cz/db';
import { generateScaledCity } from '@cz/demo-data';
import type { ScaledSeeder } from '@cz/subgraph-kit';
import { SCHEMA } from './config';

/** The registry's part of the scaled city: parks, their sites, rosters, public services and status history. */
export const scaledSeeder: ScaledSeeder = {
  table: 'park',
  seed: (manager, options) => {
    const { registry } = generateScaledCity(options);
    return insertTables(manager, SCHEMA, [
      ['park', registry.park],
      ['park_site', registry.parkSite],
      ['resident_institution', registry.residentInstitution],
      ['park_public_service', registry.parkPublicService],
      ['park_status_history', registry.parkStatusHistory],
    ]);
  },
};
