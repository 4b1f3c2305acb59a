import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of an application through the Art 7 procedure: who, when, why. */
@Entity({ name: 'application_transition' })
export class ApplicationTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 20 })
  fromStage: string;

  @Column({ name: 'to_stage', type: 'varchar', length: 20 })
  toStage: string;

  @Column({ name: 'actor_subject', type: 'varchar', length: 100 })
  actorSubject: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
