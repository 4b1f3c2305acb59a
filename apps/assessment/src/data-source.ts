import { createServiceDataSource } from '@cz/db';
import { ParkRefEntity } from '@cz/park-refs';
import { AssessmentEntity } from './entities/assessment.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';

export const entities = [AssessmentEntity, ParkRefEntity];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'assessment', onQueryError });
}
