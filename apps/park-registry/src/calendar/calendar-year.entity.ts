import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { CalendarDayEntity } from './calendar-day.entity';

/**
 * One year of the working-day calendar. `covered` says the year's holidays are known; `version`
 * is bumped by every guarded UPDATE and travels in `registry.calendar-changed`, so consumers can
 * ignore a snapshot older than the one they hold.
 */
@Entity({ name: 'calendar_year' })
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'boolean' })
  covered: boolean;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy: string;

  @OneToMany(() => CalendarDayEntity, (day) => day.calendarYear)
  days: CalendarDayEntity[];
}
