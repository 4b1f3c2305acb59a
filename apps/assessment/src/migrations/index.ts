import { CreateAssessment1764403200000 } from './1764403200000-create-assessment';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateAssessment1764403200000];
