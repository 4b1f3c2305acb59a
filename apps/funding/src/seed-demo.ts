import { DEMO_PARKS, demoChildId, demoOfficialName } from '@cz/demo-data';
import { upsertParkRef } from '@cz/park-refs';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { FundingAwardEntity } from './entities/funding-award.entity';

/** Art 9 recognition award for the demo data: 800,000 yuan. The real amount will be a dated policy parameter. */
const DEMO_RECOGNITION_AWARD_FEN = '80000000';
/** The kind number demoChildId uses for funding awards, so every service derives the same ids. */
const DEMO_AWARD_KIND = 2;

/**
 * The demo recognition award's fixed id. demoChildId keeps only the first 24 characters of the park
 * id, which all demo parks share, so the park's own suffix goes in as the index to keep ids apart.
 */
export function demoAwardId(parkId: string): string {
  return demoChildId(parkId, DEMO_AWARD_KIND, Number.parseInt(parkId.slice(24), 16));
}

/**
 * Loads the demo parks' facts and the recognised parks' awards when funding holds no awards. The
 * park facts are the registry's version 1, so the registry's own events replace them, never the reverse.
 */
export async function seedDemo(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    // Serialise concurrent seeders (npm start and npm run seed at once) on one lock.
    await manager.query(`LOCK TABLE "${SCHEMA}"."funding_award" IN SHARE ROW EXCLUSIVE MODE`);
    if ((await manager.getRepository(FundingAwardEntity).count()) > 0) return 0;
    let written = 0;
    for (const park of DEMO_PARKS) {
      await upsertParkRef(manager, SCHEMA, { parkId: park.id, name: park.name, officialName: demoOfficialName(park), countyCode: park.countyCode, status: park.status, version: 1 });
      written += 1;
      if (park.status !== 'RECOGNISED' || park.recognisedYear === undefined) continue;
      await manager.getRepository(FundingAwardEntity).insert({
        id: demoAwardId(park.id),
        parkId: park.id,
        kind: 'RECOGNITION_AWARD',
        year: park.recognisedYear,
        amountFen: DEMO_RECOGNITION_AWARD_FEN,
        status: 'PAID',
        version: 1,
      });
      written += 1;
    }
    return written;
  });
}
