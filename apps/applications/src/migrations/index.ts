import { CreateApplications1764316800000 } from './1764316800000-create-applications';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateApplications1764316800000];
