import { createServiceDataSource } from '@cz/db';
import { ParkRefEntity } from '@cz/park-refs';
import { AssessmentCycleEntity } from './entities/assessment-cycle.entity';
import { AssessmentTemplateEntity } from './entities/assessment-template.entity';
import { AssessmentEntity } from './entities/assessment.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';
import { modules } from './modules';

export const entities = [AssessmentEntity, AssessmentTemplateEntity, AssessmentCycleEntity, ParkRefEntity, ...modules.flatMap((module) => module.entities)];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'assessment', onQueryError });
}
