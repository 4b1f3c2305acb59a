import { CreateRegistry1764230400000 } from './1764230400000-create-registry';
import { WorkingCalendar1764600000000 } from './1764600000000-working-calendar';
import { ParkProfileDetails1764610000000 } from './1764610000000-park-profile-details';
import { AuditOutcome1766500000000 } from './1766500000000-audit-outcome';
import { ReportingViews1795000000000 } from './1795000000000-reporting-views';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateRegistry1764230400000, WorkingCalendar1764600000000, ParkProfileDetails1764610000000, AuditOutcome1766500000000, ReportingViews1795000000000];
