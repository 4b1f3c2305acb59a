import { CreateAssessment1764403200000 } from './1764403200000-create-assessment';
import { AssessmentCycles1765000000000 } from './1765000000000-assessment-cycles';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateAssessment1764403200000, AssessmentCycles1765000000000];
