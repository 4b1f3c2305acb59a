import type { USER_ROLES } from '@cz/auth';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type UserRole = (typeof USER_ROLES)[number];

/**
 * An office mailbox that receives the e-mail copy of notifications for a role, optionally narrowed
 * to a county or park (null: all of the role). Treated as personal information: the city bureau
 * alone reads the directory. Deactivated, never deleted, so past deliveries keep their contact.
 */
@Entity({ name: 'notification_contact' })
// One active entry per mailbox and audience; the migration's index compares the e-mail lower-cased.
@Index('notification_contact_active_unique_idx', ['role', 'countyCode', 'parkId', 'email'], { unique: true, where: '"active"' })
export class NotificationContactEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  role: UserRole;

  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  @Column({ name: 'park_id', type: 'uuid', nullable: true })
  parkId: string | null;

  /** Stored lower-cased, so one mailbox is one recipient however it was typed. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
