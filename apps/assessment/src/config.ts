import { loadConfig, LOCAL_DEFAULTS } from '@cz/config';
import { parseCycleOpeningRule, SUBMISSION_REMINDER_WORKING_DAYS } from '@cz/policy';
import { readSubgraphConfig } from '@cz/subgraph-kit';
import { z } from 'zod';

export const SCHEMA = 'assessment';

const workingDays = (fallback: number, minimum: number) => z.coerce.number().int().min(minimum).max(250).default(fallback);

/** The yearly cycle's timing (Art 18), in working days of the calendar copy. */
const cycleShape = {
  /** `first-working-day` (of January) or a first-quarter day `MM-DD`; a day off moves to the next working day. */
  ASSESSMENT_CYCLE_OPENS_ON: z
    .string()
    .default('first-working-day')
    .transform((value, context) => {
      try {
        return parseCycleOpeningRule(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** From the opening day (not counted) to the self-assessment deadline; longer than the first reminder's 10 days. */
  ASSESSMENT_SUBMISSION_WORKING_DAYS: workingDays(20, SUBMISSION_REMINDER_WORKING_DAYS[0] + 1),
  /** From the submission deadline to the review deadline. */
  ASSESSMENT_REVIEW_WORKING_DAYS: workingDays(15, 1),
  /** A park with an open rectification is reminded this many working days before its deadline. */
  ASSESSMENT_RECTIFICATION_REMINDER_WORKING_DAYS: workingDays(5, 1),
};

export const readCycleConfig = (source: NodeJS.ProcessEnv = process.env) => loadConfig(cycleShape, source);
export type CycleConfig = ReturnType<typeof readCycleConfig>;

export const readConfig = (source: NodeJS.ProcessEnv = process.env) => ({ ...readSubgraphConfig('ASSESSMENT_PORT', LOCAL_DEFAULTS.ports.assessment, source), ...readCycleConfig(source) });
