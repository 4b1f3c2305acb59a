import { CreateNotifications1764700000000 } from './1764700000000-create-notifications';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateNotifications1764700000000];
