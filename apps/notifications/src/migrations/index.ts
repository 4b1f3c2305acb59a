import { CreateNotifications1764700000000 } from './1764700000000-create-notifications';
import { AuditOutcome1766500000000 } from './1766500000000-audit-outcome';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateNotifications1764700000000, AuditOutcome1766500000000];
