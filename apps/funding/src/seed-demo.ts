import { SYSTEM_IDENTITY } from '@cz/auth';
import { seedWhenEmpty } from '@cz/db';
import { DEMO_PARKS, demoChildId } from '@cz/demo-data';
import { seedDemoParkRefs } from '@cz/park-refs';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { FundingAwardEntity } from './entities/funding-award.entity';
import { insertEntry, recordGrant } from './ledger/ledger-writes';

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
      const awardId = demoAwardId(park.id);
      await manager.getRepository(FundingAwardEntity).insert({ id: awardId, parkId: park.id, kind: 'RECOGNITION_AWARD', year: park.recognisedYear, amountFen: DEMO_RECOGNITION_AWARD_FEN, status: 'PAID', version: 1 });
      // A PAID award is one whose ledger says so: its grant and the finance department's payment.
      const amountFen = BigInt(DEMO_RECOGNITION_AWARD_FEN);
      await recordGrant(manager, { awardId, amountFen, occurredOn: `${park.recognisedYear}-11-30`, description: '认定一次性奖励（演示数据）', actor: SYSTEM_IDENTITY });
      await insertEntry(manager, { awardId, kind: 'PAYMENT', amountFen, occurredOn: `${park.recognisedYear}-12-20`, recordedBy: SYSTEM_IDENTITY, idempotencyKey: `demo-payment.${awardId}`, voucherNo: `长财社〔${park.recognisedYear}〕演示`, description: '市级财政拨付（演示数据）' });
      written += 3;
    }
    return written;
  });
}
