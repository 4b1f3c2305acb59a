import { seedWhenEmpty } from '@cz/db';
import { DEMO_PARKS, demoChildId } from '@cz/demo-data';
import { seedDemoParkRefs } from '@cz/park-refs';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { FundingAwardEntity } from './entities/funding-award.entity';

/** Art 9 recognition award for the demo data: 800,000 yuan. The real amount will be a dated policy parameter. */
const DEMO_RECOGNITION_AWARD_FEN = '80000000';

/** The demo recognition award's fixed id (kind 2 of demoChildId). */
export const demoAwardId = (parkId: string) => demoChildId(parkId, 2);

/** Loads the demo parks' facts and the recognised parks' awards when funding holds no awards. */
export function seedDemo(dataSource: DataSource): Promise<number> {
  return seedWhenEmpty(dataSource, SCHEMA, 'funding_award', async (manager) => {
    let written = await seedDemoParkRefs(manager, SCHEMA);
    for (const park of DEMO_PARKS) {
      if (park.status !== 'RECOGNISED' || park.recognisedYear === undefined) continue;
      await manager.getRepository(FundingAwardEntity).insert({ id: demoAwardId(park.id), parkId: park.id, kind: 'RECOGNITION_AWARD', year: park.recognisedYear, amountFen: DEMO_RECOGNITION_AWARD_FEN, status: 'PAID', version: 1 });
      written += 1;
    }
    return written;
  });
}
