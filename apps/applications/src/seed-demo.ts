import { seedWhenEmpty } from '@cz/db';
import { DEMO_PARKS, type DemoPark, demoChildId } from '@cz/demo-data';
import { seedDemoParkRefs } from '@cz/park-refs';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { ApplicationEntity } from './entities/application.entity';

/** The demo recognition application's fixed id (kind 1 of demoChildId). */
export const demoApplicationId = (parkId: string) => demoChildId(parkId, 1);

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

/** Loads the demo parks' facts and one recognition application each when this service holds no application. */
export function seedDemo(dataSource: DataSource): Promise<number> {
  return seedWhenEmpty(dataSource, SCHEMA, 'application', async (manager) => {
    const refs = await seedDemoParkRefs(manager, SCHEMA);
    for (const demo of DEMO_PARKS) {
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
    return refs + DEMO_PARKS.length;
  });
}
