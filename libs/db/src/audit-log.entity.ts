import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditOutcome } from './audit';

/**
 * A row of `<schema>.audit_log`, read only (the city bureau's audit queries and exports); rows are
 * written by recordAudit/recordDeniedAttempts and can never be changed. The entity carries no
 * schema: each service's data source maps it to its own schema.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigserial, as text: JavaScript numbers would lose precision past 2^53. */
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 100 })
  actor: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  @Column({ name: 'park_id', type: 'uuid', nullable: true })
  parkId: string | null;

  @Column({ type: 'varchar', length: 100 })
  operation: string;

  @Column({ name: 'target_type', type: 'varchar', length: 50 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64 })
  targetId: string;

  @Column({ type: 'jsonb' })
  changes: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome: AuditOutcome;

  @Column({ name: 'source_address', type: 'varchar', length: 64, nullable: true })
  sourceAddress: string | null;
}
