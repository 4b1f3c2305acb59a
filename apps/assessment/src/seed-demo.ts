import { seedWhenEmpty } from '@cz/db';
import { DEMO_PARKS, demoChildId } from '@cz/demo-data';
import { seedDemoParkRefs } from '@cz/park-refs';
import { gradeOf } from '@cz/policy';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { AssessmentEntity } from './entities/assessment.entity';

/** demoChildId kind of assessments, so every service and test derives the same ids. */
export const DEMO_ASSESSMENT_KIND = 3;

/**
 * Loads the demo parks' facts and their final assessments when no assessment exists yet. The park
 * refs come along so the demo works before the registry's events arrive.
 */
export function seedDemo(dataSource: DataSource): Promise<number> {
  return seedWhenEmpty(dataSource, SCHEMA, 'assessment', async (manager) => {
    let written = await seedDemoParkRefs(manager, SCHEMA);
    for (const park of DEMO_PARKS) {
      for (const [year, totalScore] of Object.entries(park.assessments ?? {})) {
        const grade = gradeOf(totalScore);
        // History from before cycles: final, graded once, so the first grading is the final one.
        await manager.getRepository(AssessmentEntity).insert({
          id: demoChildId(park.id, DEMO_ASSESSMENT_KIND, Number(year)),
          parkId: park.id,
          year: Number(year),
          status: 'FINAL',
          totalScore,
          grade,
          initialTotalScore: totalScore,
          initialGrade: grade,
          commended: grade === 'EXCELLENT',
          version: 1,
        });
        written += 1;
      }
    }
    return written;
  });
}
