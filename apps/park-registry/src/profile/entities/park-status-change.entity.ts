import type { ParkStatus } from '@cz/queue-contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change of a park's status, append-only. A recognition row names its application, and a
 * partial unique index lets one application recognise a park once, ever.
 */
@Entity({ name: 'park_status_history' })
export class ParkStatusChangeEntity {
  /** bigserial; pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ name: 'from_status', type: 'varchar', length: 20 })
  fromStatus: ParkStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: ParkStatus;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'approval_document_no', type: 'varchar', length: 100, nullable: true })
  approvalDocumentNo: string | null;

  @Column({ name: 'approved_on', type: 'date', nullable: true })
  approvedOn: string | null;

  @Column({ type: 'varchar', length: 100 })
  actor: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
