import type { JobHandler } from '../jobs/job-handler';
import { callService } from '../service-call';

const OPEN_DUE_CYCLE = 'mutation { openDueAssessmentCycle { outcome detail cycle { id year } } }';

export interface CycleOpening {
  outcome: 'OPENED' | 'ALREADY_OPEN' | 'NOT_DUE';
  detail: string | null;
  cycle: { id: string; year: number } | null;
}

/**
 * Asks the assessment service to open the cycle of the previous year. The service decides from its
 * own clock, calendar and configuration whether the opening day has come, and opens a year once
 * however often it is asked, so every tick of the Q1 schedule may ask.
 */
export const assessmentCycleOpenJob: JobHandler = async (job, { assessment, signingKey, logger }) => {
  const { openDueAssessmentCycle: opening } = await callService<{ openDueAssessmentCycle: CycleOpening }>(assessment, signingKey, OPEN_DUE_CYCLE);
  logger.info({ jobId: job.id, outcome: opening.outcome, cycle: opening.cycle, detail: opening.detail }, `assessment cycle opening: ${opening.outcome}`);
  return opening;
};
