import { seedWhenEmpty } from '@cz/db';
import { DEMO_PARKS } from '@cz/demo-data';
import type { DataSource } from 'typeorm';
import { SCHEMA } from './config';
import { NotificationContactEntity } from './entities/notification-contact.entity';

export const DEMO_CITY_BUREAU_EMAIL = 'rsj@changzhi.example';
export const demoCountyBureauEmail = (countyCode: string) => `rsj-${countyCode}@changzhi.example`;

/** The office mailboxes of the demo: the city bureau, and the county bureau of every demo park's county. */
export function seedDemo(dataSource: DataSource): Promise<number> {
  return seedWhenEmpty(dataSource, SCHEMA, 'notification_contact', async (manager) => {
    const counties = [...new Set(DEMO_PARKS.map((park) => park.countyCode))];
    const contacts = [
      { role: 'CITY_BUREAU' as const, countyCode: null, email: DEMO_CITY_BUREAU_EMAIL, name: '长治市人力资源和社会保障局' },
      ...counties.map((countyCode) => ({ role: 'COUNTY_BUREAU' as const, countyCode, email: demoCountyBureauEmail(countyCode), name: `县区人社部门（${countyCode}）` })),
    ];
    await manager.getRepository(NotificationContactEntity).insert(contacts.map((contact) => ({ ...contact, parkId: null, active: true, createdBy: 'seed' })));
    return contacts.length;
  });
}
