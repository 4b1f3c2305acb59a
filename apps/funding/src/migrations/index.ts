import { CreateFunding1764316800000 } from './1764316800000-create-funding';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateFunding1764316800000];
