import { CreateApplications1764316800000 } from './1764316800000-create-applications';
import { PolicyVersions1764600000000 } from './1764600000000-policy-versions';
import { ApplicationWorkflow1764610000000 } from './1764610000000-application-workflow';
import { Declaration1764612000000 } from './1764612000000-declaration';
import { Review1764614000000 } from './1764614000000-review';
import { Publicity1764620000000 } from './1764620000000-publicity';
import { AuditOutcome1766500000000 } from './1766500000000-audit-outcome';
import { ReportingViews1795000000000 } from './1795000000000-reporting-views';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateApplications1764316800000, PolicyVersions1764600000000, ApplicationWorkflow1764610000000, Declaration1764612000000, Review1764614000000, Publicity1764620000000, AuditOutcome1766500000000, ReportingViews1795000000000];
