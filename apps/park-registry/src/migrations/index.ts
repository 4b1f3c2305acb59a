import { CreateRegistry1764230400000 } from './1764230400000-create-registry';
import { WorkingCalendar1764600000000 } from './1764600000000-working-calendar';
import { ParkProfileDetails1764610000000 } from './1764610000000-park-profile-details';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateRegistry1764230400000, WorkingCalendar1764600000000, ParkProfileDetails1764610000000];
