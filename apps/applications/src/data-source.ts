import { createServiceDataSource } from '@cz/db';
import { ParkRefEntity } from '@cz/park-refs';
import { ApplicationEntity } from './entities/application.entity';
import { ApplicationTransitionEntity } from './transitions/application-transition.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';
import { modules } from './modules';

export const entities = [ApplicationEntity, ApplicationTransitionEntity, ParkRefEntity, ...modules.flatMap((module) => module.entities)];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'applications', onQueryError });
}
