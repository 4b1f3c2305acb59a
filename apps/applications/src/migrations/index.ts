import { CreateApplications1764316800000 } from './1764316800000-create-applications';
import { PolicyVersions1764600000000 } from './1764600000000-policy-versions';
import { ApplicationWorkflow1764610000000 } from './1764610000000-application-workflow';
import { Publicity1764620000000 } from './1764620000000-publicity';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateApplications1764316800000, PolicyVersions1764600000000, ApplicationWorkflow1764610000000, Publicity1764620000000];
