import { createServiceDataSource } from '@cz/db';
import { ParkRefEntity } from '@cz/park-refs';
import { FundingAwardEntity } from './entities/funding-award.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';
import { modules } from './modules';

export const entities = [FundingAwardEntity, ParkRefEntity, ...modules.flatMap((module) => module.entities)];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'funding', onQueryError });
}
