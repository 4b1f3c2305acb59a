import { insertTables } from '@cz/db';
import { generateScaledCity } from '@cz/demo-data';
import type { ScaledSeeder } from '@cz/subgraph-kit';
import { SCHEMA } from './config';
import { DEFAULT_TEMPLATE_ID } from './migrations/1765000000000-assessment-cycles';

/** The assessment service's part of the scaled city: its copy of the parks and every yearly cycle, scored against the default template. */
export const scaledSeeder: ScaledSeeder = {
  table: 'assessment',
  seed: (manager, options) => {
    const city = generateScaledCity(options);
    const { assessment } = city;
    return insertTables(manager, SCHEMA, [
      ['park_ref', city.parkRefs],
      ['assessment_cycle', assessment.assessmentCycle.map((cycle) => ({ ...cycle, templateId: DEFAULT_TEMPLATE_ID }))],
      ['assessment', assessment.assessment],
      ['self_assessment_entry', assessment.selfAssessmentEntry],
      ['assessment_reviewer', assessment.assessmentReviewer],
      ['indicator_score', assessment.indicatorScore],
      ['score_change', assessment.scoreChange],
      ['rectification', assessment.rectification],
    ]);
  },
};
