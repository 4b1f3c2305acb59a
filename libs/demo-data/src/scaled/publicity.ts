import { demoChildId } from '../demo-child-id';
import { CITY_REVIEWER } from './context';
import type { ApplicationRows } from './model';
import { SCALED_KINDS } from './parks';
import { addMinutes, addWorkingDays, at, type Day, endOfDay, type Instant, later, workingDayFrom } from './time';

/** Art 7(三): the city posts the proposed list for 5 working days (不少于 5). */
export const PUBLICITY_WORKING_DAYS = 5;

/** One period of publicity: the city posts the applications that are ready once a month. */
export interface PublicitySlot {
  id: string;
  title: string;
  postedOn: Day;
  endsOn: Day;
  endsAt: Instant;
  /** When the worker's deadline job closes it (a minute after 24:00 of the last day). */
  closesAt: Instant;
  /** The latest decision on one of its applications, which may be later when an objection held it. */
  settledAt: Instant;
}

/**
 * The periods of the whole city: monthly, posted on the first working day from the 10th, each
 * made when the first application enters it, so every park's history can be generated on its own.
 */
export class PublicitySchedule {
  private readonly slots = new Map<string, PublicitySlot>();

  constructor(private readonly root: string) {}

  /** The first period posted after `day`. */
  after(day: Day): PublicitySlot {
    let year = Number(day.slice(0, 4));
    let month = Number(day.slice(5, 7));
    for (;;) {
      const postedOn = workingDayFrom(`${year}-${String(month).padStart(2, '0')}-10`);
      if (postedOn > day) return this.slot(year, month, postedOn);
      month = (month % 12) + 1;
      if (month === 1) year += 1;
    }
  }

  private slot(year: number, month: number, postedOn: Day): PublicitySlot {
    const key = `${year}-${month}`;
    const existing = this.slots.get(key);
    if (existing) return existing;
    const endsOn = addWorkingDays(postedOn, PUBLICITY_WORKING_DAYS);
    const endsAt = endOfDay(endsOn);
    const slot: PublicitySlot = {
      id: demoChildId(this.root, SCALED_KINDS.publicity, year * 100 + month),
      title: `${year}年${month}月市级人力资源服务产业园拟认定名单公示`,
      postedOn,
      endsOn,
      endsAt,
      closesAt: addMinutes(endsAt, 1),
      settledAt: addMinutes(endsAt, 1),
    };
    this.slots.set(key, slot);
    return slot;
  }

  /** Records a decision on one of the period's applications: the period closes when the last is decided. */
  settle(slot: PublicitySlot, decidedAt: Instant): void {
    slot.settledAt = later(slot.settledAt, decidedAt);
  }

  /** The periods that had applications, closed (the history ends after every one of them). */
  rows(used: ReadonlySet<string>): ApplicationRows['publicity'] {
    return [...this.slots.values()]
      .filter((slot) => used.has(slot.id))
      .sort((a, b) => a.postedOn.localeCompare(b.postedOn))
      .map((slot) => ({
        id: slot.id,
        title: slot.title,
        postedOn: slot.postedOn,
        workingDays: PUBLICITY_WORKING_DAYS,
        endsOn: slot.endsOn,
        endsAt: slot.endsAt,
        status: 'CLOSED' as const,
        version: 2,
        openedBy: CITY_REVIEWER.subject,
        createdAt: at(slot.postedOn, 9, 30),
        closedAt: slot.settledAt,
      }));
  }
}
