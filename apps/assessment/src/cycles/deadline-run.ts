import type { AssessmentDeadlineOutcome } from '../generated/graphql';

/** What a deadline run answers (the worker's contract; see DeadlineOutcome in @cz/queue-contracts). */
export interface DeadlineRun {
  outcome: AssessmentDeadlineOutcome;
  detail: string | null;
  recipients: string[];
}

export const answer = (outcome: AssessmentDeadlineOutcome, detail: string | null = null, recipients: string[] = []): DeadlineRun => ({ outcome, detail, recipients });

export const notDue = (dueAt: Date) => answer('NOT_DUE', `${dueAt.toISOString()} 到期`);
