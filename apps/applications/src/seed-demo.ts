import { DEMO_PARKS, type DemoPark, demoChildId, demoOfficialName } from '@cz/demo-data';
import { upsertParkRef } from '@cz/park-refs';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { ApplicationEntity } from './entities/application.entity';

/** The kind number demoChildId uses for applications, so every service derives the same ids. */
const DEMO_APPLICATION_KIND = 1;

/**
 * The demo recognition application's fixed id. demoChildId keeps only the first 24 characters of
 * the park id, which all demo parks share, so the park's own suffix goes in as the index to keep
 * ids apart (the same workaround as funding's demoAwardId).
 */
export function demoApplicationId(parkId: string): string {
  return demoChildId(parkId, DEMO_APPLICATION_KIND, Number.parseInt(parkId.slice(24), 16));
}

/**
 * Dates consistent with the stage (a draft unsubmitted, only a decision has a decision date), in
 * Asia/Shanghai, within the application year.
 */
function demoTimeline(demo: DemoPark, year: number) {
  const at = (monthDay: string) => new Date(`${year}-${monthDay}T09:00:00+08:00`);
  return {
    createdAt: at('03-01'),
    submittedAt: demo.applicationStage === 'DRAFT' ? null : at('03-15'),
    decidedAt: demo.applicationStage === 'APPROVED' ? at('10-20') : null,
  };
}

/**
 * Loads the demo parks' references and one recognition application each when this service holds
 * no application. The park_ref rows carry registry version 1, so the registry's own events win.
 */
export async function seedDemo(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    // Serialise concurrent seeders (npm start and npm run seed at once) on one lock.
    await manager.query(`LOCK TABLE "${SCHEMA}"."application" IN SHARE ROW EXCLUSIVE MODE`);
    if ((await manager.getRepository(ApplicationEntity).count()) > 0) return 0;
    for (const demo of DEMO_PARKS) {
      await upsertParkRef(manager, SCHEMA, { parkId: demo.id, name: demo.name, officialName: demoOfficialName(demo), countyCode: demo.countyCode, status: demo.status, version: 1 });
      const year = demo.recognisedYear ?? 2026;
      const timeline = demoTimeline(demo, year);
      await manager.getRepository(ApplicationEntity).insert({
        id: demoApplicationId(demo.id),
        parkId: demo.id,
        kind: 'RECOGNITION',
        stage: demo.applicationStage,
        year,
        ...timeline,
        updatedAt: timeline.decidedAt ?? timeline.submittedAt ?? timeline.createdAt,
        version: 1,
      });
    }
    return DEMO_PARKS.length * 2;
  });
}
