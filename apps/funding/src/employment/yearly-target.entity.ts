import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 年度目标任务: the city's employment targets for a year, the base of the Art 10 threshold. */
@Entity({ name: 'yearly_target' })
export class YearlyTargetEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'urban_new_employment', type: 'int' })
  urbanNewEmployment: number;

  @Column({ name: 'rural_labour_transfer', type: 'int' })
  ruralLabourTransfer: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'entered_by', type: 'varchar', length: 100 })
  enteredBy: string;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
