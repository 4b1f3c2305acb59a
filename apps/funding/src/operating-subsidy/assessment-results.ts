import type { AssessmentResultForSubsidy } from '@cz/policy';
import type { AssessmentGradedPayload, EventEnvelope } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

/** The latest grading funding holds for a park's year, with what the money rules need. */
export interface LatestAssessmentResult extends AssessmentResultForSubsidy {
  assessmentId: string;
  phase: AssessmentGradedPayload['phase'];
  totalScore: string;
  rectificationDeadline: string | null;
  gradedOn: string;
}

const PHASE_RANK: Readonly<Record<AssessmentGradedPayload['phase'], number>> = { INITIAL: 1, REASSESSMENT: 2 };

/**
 * Keeps the grading if it is newer than the one held for (park, year), and says whether it was.
 * Newer means a later phase (a re-assessment supersedes the initial grading whatever the dates),
 * then a later grading day, then a later event: an older event delivered late, or the same
 * grading delivered again under another event id, changes nothing.
 */
export async function keepIfLatest(manager: EntityManager, event: EventEnvelope<'assessment.assessment-graded'>): Promise<boolean> {
  const result = event.payload;
  const kept: unknown[] = await manager.query(
    `INSERT INTO "${SCHEMA}"."assessment_result"
       ("park_id", "year", "assessment_id", "cycle_id", "phase", "phase_rank", "total_score", "grade", "outcome", "rectification_deadline", "graded_on", "occurred_at", "event_id")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT ("park_id", "year") DO UPDATE SET
       "assessment_id" = EXCLUDED."assessment_id", "cycle_id" = EXCLUDED."cycle_id", "phase" = EXCLUDED."phase", "phase_rank" = EXCLUDED."phase_rank",
       "total_score" = EXCLUDED."total_score", "grade" = EXCLUDED."grade", "outcome" = EXCLUDED."outcome",
       "rectification_deadline" = EXCLUDED."rectification_deadline", "graded_on" = EXCLUDED."graded_on",
       "occurred_at" = EXCLUDED."occurred_at", "event_id" = EXCLUDED."event_id", "updated_at" = now()
     WHERE ("assessment_result"."phase_rank", "assessment_result"."graded_on", "assessment_result"."occurred_at")
         < (EXCLUDED."phase_rank", EXCLUDED."graded_on", EXCLUDED."occurred_at")
     RETURNING "park_id"`,
    [
      result.parkId,
      result.year,
      result.assessmentId,
      result.cycleId,
      result.phase,
      PHASE_RANK[result.phase],
      result.totalScore,
      result.grade,
      result.outcome,
      result.rectificationDeadline,
      result.gradedOn,
      event.occurredAt,
      event.id,
    ],
  );
  return kept.length > 0;
}

type ResultRow = { assessment_id: string; phase: LatestAssessmentResult['phase']; total_score: string; grade: LatestAssessmentResult['grade']; outcome: LatestAssessmentResult['outcome']; rectification_deadline: string | null; graded_on: string };

export async function latestResult(manager: EntityManager, parkId: string, year: number): Promise<LatestAssessmentResult | null> {
  const [row]: ResultRow[] = await manager.query(
    `SELECT "assessment_id", "phase", "total_score"::text AS "total_score", "grade", "outcome",
            to_char("rectification_deadline", 'YYYY-MM-DD') AS "rectification_deadline", to_char("graded_on", 'YYYY-MM-DD') AS "graded_on"
       FROM "${SCHEMA}"."assessment_result" WHERE "park_id" = $1 AND "year" = $2`,
    [parkId, year],
  );
  if (!row) return null;
  return {
    assessmentId: row.assessment_id,
    phase: row.phase,
    totalScore: row.total_score,
    grade: row.grade,
    outcome: row.outcome,
    rectificationDeadline: row.rectification_deadline,
    gradedOn: row.graded_on,
  };
}
