import { DEMO_PARKS, demoOfficialName } from '@cz/demo-data';
import type { EventHandler } from '@cz/events';
import type { ParkProfileChangedPayload } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';

/**
 * Upserts the park's facts unless this service already holds the same or a newer version, so
 * events applied out of order never move a park back in time.
 */
export async function upsertParkRef(manager: EntityManager, schema: string, park: ParkProfileChangedPayload): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}"."park_ref" ("park_id", "name", "official_name", "county_code", "status", "source_version", "updated_at")
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT ("park_id") DO UPDATE SET
       "name" = EXCLUDED."name", "official_name" = EXCLUDED."official_name", "county_code" = EXCLUDED."county_code",
       "status" = EXCLUDED."status", "source_version" = EXCLUDED."source_version", "updated_at" = now()
     WHERE "park_ref"."source_version" < EXCLUDED."source_version"`,
    [park.parkId, park.name, park.officialName, park.countyCode, park.status, park.version],
  );
}

/** The handler every park-keeping service registers for `registry.park-profile-changed`. */
export function parkProfileChangedHandler(schema: string): EventHandler<'registry.park-profile-changed'> {
  return (event, manager) => upsertParkRef(manager, schema, event.payload);
}

/**
 * The demo parks' facts as the registry's version 1, for a service's demo seed: the registry's own
 * events carry version 1 or later, so they replace these and never the reverse.
 */
export async function seedDemoParkRefs(manager: EntityManager, schema: string): Promise<number> {
  for (const demo of DEMO_PARKS) {
    await upsertParkRef(manager, schema, { parkId: demo.id, name: demo.name, officialName: demoOfficialName(demo), countyCode: demo.countyCode, status: demo.status, version: 1 });
  }
  return DEMO_PARKS.length;
}
