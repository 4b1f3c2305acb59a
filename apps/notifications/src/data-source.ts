import { createServiceDataSource } from '@cz/db';
import { SCHEMA } from './config';
import { EmailDeliveryEntity } from './entities/email-delivery.entity';
import { NotificationContactEntity } from './entities/notification-contact.entity';
import { NotificationReadEntity } from './entities/notification-read.entity';
import { NotificationEntity } from './entities/notification.entity';
import { migrations } from './migrations';
import { modules } from './modules';

export const entities = [NotificationEntity, NotificationReadEntity, NotificationContactEntity, EmailDeliveryEntity, ...modules.flatMap((module) => module.entities)];

export function createDataSource(url: string, onQueryError?: (message: string) => void) {
  return createServiceDataSource({ url, schema: SCHEMA, entities, migrations, applicationName: 'notifications', onQueryError });
}
