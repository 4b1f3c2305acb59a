import { CreateRegistry1764230400000 } from './1764230400000-create-registry';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateRegistry1764230400000];
