import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CalendarYearEntity } from './calendar-year.entity';

export type CalendarDayKind = 'HOLIDAY' | 'MAKEUP_WORKDAY';

/**
 * A date that is not what its weekday says: a holiday (day off) or a make-up working day
 * (a Saturday or Sunday worked). The date is the key, so a date is never both.
 */
@Entity({ name: 'calendar_day' })
export class CalendarDayEntity {
  /** YYYY-MM-DD; TypeORM hydrates `date` columns as strings, which is what the calendar counts in. */
  @PrimaryColumn({ type: 'date' })
  date: string;

  /** Always the year of `date` (a CHECK holds it), so a year's days are found by index. */
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 20 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @ManyToOne(() => CalendarYearEntity, (year) => year.days)
  @JoinColumn({ name: 'year', referencedColumnName: 'year' })
  calendarYear: Relation<CalendarYearEntity>;
}
