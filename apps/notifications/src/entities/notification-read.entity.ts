import { Column, Entity, PrimaryColumn } from 'typeorm';

/** That one person has read one notification; the primary key makes marking twice a no-op. */
@Entity({ name: 'notification_read' })
export class NotificationReadEntity {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  /** The reader's JWT subject: read state is per person, though notifications are per audience. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;
}
