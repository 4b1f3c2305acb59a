import { seedWhenEmpty } from '@cz/db';
import { DEMO_PARKS, demoOfficialName } from '@cz/demo-data';
import { recordEvent } from '@cz/events';
import { EVENT_TYPES } from '@cz/queue-contracts';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { ParkEntity } from './entities/park.entity';
import { profileChangedPayload } from './parks/park-events';

/** Loads the demo parks when the registry holds none; their events reach the other services too. */
export function seedDemo(dataSource: DataSource): Promise<number> {
  return seedWhenEmpty(dataSource, SCHEMA, 'park', async (manager) => {
    for (const demo of DEMO_PARKS) {
      const { recognisedYear: _y, applicationStage: _s, assessments: _a, ...profile } = demo;
      await manager.getRepository(ParkEntity).insert({ ...profile, officialName: demoOfficialName(demo), version: 1 });
      const park = await manager.getRepository(ParkEntity).findOneByOrFail({ id: demo.id });
      await recordEvent(manager, SCHEMA, EVENT_TYPES.parkProfileChanged, park.id, profileChangedPayload(park));
    }
    return DEMO_PARKS.length;
  });
}
