import { authorize, type Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import { QueryFailedError, type DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import { NotificationContactEntity } from '../entities/notification-contact.entity';
import { type ContactInput, validateContactInput } from './contact-input';

interface Caller {
  identity: Identity;
  requestId: string;
}

/** Contact addresses are treated as personal information: the audit keeps that they changed, not their values. */
const PERSONAL = '[personal data]';

/** The e-mail directory of the offices, kept by the city bureau. */
export class ContactDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Every entry, newest first; the read itself is audited, as the addresses are personal information. */
  async list(caller: Caller): Promise<NotificationContactEntity[]> {
    authorize(caller.identity, 'notification.contacts.manage');
    await recordAudit(this.dataSource.manager, SCHEMA, caller.identity, { operation: 'notification.contacts.read', targetType: 'NotificationContact', targetId: '*', changes: {}, requestId: caller.requestId });
    return this.dataSource.getRepository(NotificationContactEntity).createQueryBuilder('contact').orderBy('contact.created_at', 'DESC').addOrderBy('contact.id', 'DESC').getMany();
  }

  async add(caller: Caller, input: ContactInput): Promise<NotificationContactEntity> {
    authorize(caller.identity, 'notification.contacts.manage');
    const contact = validateContactInput(input);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [{ id }]: Array<{ id: string }> = await manager.query(
          `INSERT INTO "${SCHEMA}"."notification_contact" ("role", "county_code", "park_id", "email", "name", "created_by") VALUES ($1, $2, $3, $4, $5, $6) RETURNING "id"`,
          [contact.role, contact.countyCode, contact.parkId, contact.email, contact.name, caller.identity.subject],
        );
        await recordAudit(manager, SCHEMA, caller.identity, {
          operation: 'notification.contacts.add',
          targetType: 'NotificationContact',
          targetId: id,
          changes: { role: [null, contact.role], countyCode: [null, contact.countyCode], parkId: [null, contact.parkId], email: PERSONAL, name: PERSONAL },
          requestId: caller.requestId,
        });
        return manager.getRepository(NotificationContactEntity).findOneByOrFail({ id });
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'notification_contact_active_unique_idx') {
        throw new ConflictError('该邮箱已登记为同一角色和范围的通知邮箱', { field: 'email' });
      }
      throw error;
    }
  }

  /** One guarded UPDATE: of two bureau staff deactivating at once, one does it and the other is told. */
  async deactivate(caller: Caller, id: string): Promise<NotificationContactEntity> {
    authorize(caller.identity, 'notification.contacts.manage');
    if (!isUuid(id)) throw new NotFoundError('通知邮箱不存在', { id });
    return this.dataSource.transaction(async (manager) => {
      const changed = await guardedUpdate(manager, `UPDATE "${SCHEMA}"."notification_contact" SET "active" = false WHERE "id" = $1 AND "active"`, [id]);
      const contact = await manager.getRepository(NotificationContactEntity).findOneBy({ id });
      if (!contact) throw new NotFoundError('通知邮箱不存在', { id });
      if (changed === 0) throw new ConflictError('该通知邮箱已停用', { id });
      await recordAudit(manager, SCHEMA, caller.identity, { operation: 'notification.contacts.deactivate', targetType: 'NotificationContact', targetId: id, changes: { active: [true, false] }, requestId: caller.requestId });
      return contact;
    });
  }
}
