import { createServiceDataSource } from '@cz/db';
import { ParkRefEntity } from '@cz/park-refs';
import { ApplicationEntity } from './entities/application.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';

export const entities = [ApplicationEntity, ParkRefEntity];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'applications', onQueryError });
}
