import type { WorkingCalendar } from '@cz/calendar';
import { loadWorkingCalendar as loadCopy, replaceCalendarYear as replaceInCopy } from '@cz/calendar-copy';
import type { CalendarChangedPayload } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

/** The working-day calendar as this service's copy holds it (every covered year). */
export const loadWorkingCalendar = (manager: EntityManager): Promise<WorkingCalendar> => loadCopy(manager, SCHEMA);

/** Replaces one year of this service's copy, unless it already holds that version or a newer one. */
export const replaceCalendarYear = (manager: EntityManager, change: CalendarChangedPayload): Promise<boolean> => replaceInCopy(manager, SCHEMA, change);
