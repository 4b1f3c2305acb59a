import { createServiceDataSource } from '@cz/db';
import { CountyEntity } from './entities/county.entity';
import { ParkEntity } from './entities/park.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';
import { modules } from './modules';

export const entities = [CountyEntity, ParkEntity, ...modules.flatMap((module) => module.entities)];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'park-registry', onQueryError });
}
