import { CreateAssessment1764403200000 } from './1764403200000-create-assessment';
import { AssessmentCycles1765000000000 } from './1765000000000-assessment-cycles';
import { AssessmentWorkflow1765010000000 } from './1765010000000-assessment-workflow';
import { AssessmentDeadlines1765100000000 } from './1765100000000-assessment-deadlines';
import { SelfAssessmentEvidence1765110000000 } from './1765110000000-self-assessment-evidence';
import { AuditOutcome1766500000000 } from './1766500000000-audit-outcome';
import { ReportingViews1795000000000 } from './1795000000000-reporting-views';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateAssessment1764403200000, AssessmentCycles1765000000000, AssessmentWorkflow1765010000000, AssessmentDeadlines1765100000000, SelfAssessmentEvidence1765110000000, AuditOutcome1766500000000, ReportingViews1795000000000];
