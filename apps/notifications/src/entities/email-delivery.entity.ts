import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EmailDeliveryStatus = 'PENDING' | 'SENT' | 'SKIPPED' | 'FAILED';

/**
 * The e-mail copy of one notification to one mailbox. The row, not the queue, is the truth: a job
 * only wakes the sender, which re-reads the row and sends only while it is PENDING.
 */
@Entity({ name: 'email_delivery' })
// One e-mail per notification and mailbox, however many contacts share the address.
@Index('email_delivery_notification_email_idx', ['notificationId', 'email'], { unique: true })
export class EmailDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 10 })
  status: EmailDeliveryStatus;

  /** Send attempts so far; the sender gives up (FAILED) at its limit. */
  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** The deterministic Message-ID the relay accepted. */
  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
