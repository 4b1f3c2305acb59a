import { createServiceDataSource } from '@cz/db';
import { ParkRefEntity } from '@cz/park-refs';
import { FundingAwardEntity } from './entities/funding-award.entity';
import { SCHEMA } from './config';
import { migrations } from './migrations';

export const entities = [FundingAwardEntity, ParkRefEntity];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'funding', onQueryError });
}
