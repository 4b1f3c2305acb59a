import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A member of an application's joint-evaluation panel (联合评审组). Other modules read this table for REVIEWER scope. */
@Entity({ name: 'application_panel_member' })
export class PanelMemberEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  /** The reviewer's JWT subject. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** 发改, 财政, 人社, 专家 … */
  @Column({ type: 'varchar', length: 30 })
  department: string;

  @Column({ name: 'assigned_by', type: 'varchar', length: 100 })
  assignedBy: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;
}
