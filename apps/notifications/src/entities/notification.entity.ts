import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UserRole } from './notification-contact.entity';

/**
 * One notification as requested by the acting service, addressed to an audience (a role, narrowed
 * by county, park or one person) rather than to named users: whoever holds the role when reading
 * sees it. The indexes are created by the migration; they are declared here to be read with the row.
 */
@Entity({ name: 'notification' })
// Same key, same notification: a retried transition (or a redelivered event) never notifies twice.
@Index('notification_dedupe_key_idx', ['dedupeKey'], { unique: true })
@Index('notification_audience_created_idx', ['audienceRole', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ name: 'audience_role', type: 'varchar', length: 32 })
  audienceRole: UserRole;

  /** Null: every county's holders of the role. */
  @Column({ name: 'audience_county_code', type: 'varchar', length: 6, nullable: true })
  audienceCountyCode: string | null;

  /** Null: every park's holders of the role. */
  @Column({ name: 'audience_park_id', type: 'uuid', nullable: true })
  audienceParkId: string | null;

  /** One person (JWT subject); such notifications are in-app only, the directory has no personal addresses. */
  @Column({ name: 'audience_subject', type: 'varchar', length: 100, nullable: true })
  audienceSubject: string | null;

  @Column({ type: 'varchar', length: 50 })
  category: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
