import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import type { PolicyVersion } from '@cz/policy';
import type { AssessmentGradedPayload, EventEnvelope } from '@cz/queue-contracts';
import { asGateway, type TestSubgraph } from '@cz/testing';

/** A grading as the assessment service's relay sends it, with a fresh event id. */
export function gradedEvent(payload: Partial<AssessmentGradedPayload> & Pick<AssessmentGradedPayload, 'parkId' | 'year'>, occurredAt = new Date()): EventEnvelope<'assessment.assessment-graded'> {
  const full: AssessmentGradedPayload = {
    assessmentId: randomUUID(),
    cycleId: randomUUID(),
    phase: 'INITIAL',
    totalScore: '75.00',
    grade: 'QUALIFIED',
    outcome: 'FINAL',
    rectificationDeadline: null,
    gradedOn: `${payload.year + 1}-03-20`,
    ...payload,
  };
  return { id: randomUUID(), type: 'assessment.assessment-graded', source: 'assessment', aggregateId: full.assessmentId, occurredAt: occurredAt.toISOString(), payload: full };
}

/** A policy version as the applications service announces it, with a fresh event id. */
export function policyVersionEvent(version: PolicyVersion): EventEnvelope<'applications.policy-version-changed'> {
  return { id: randomUUID(), type: 'applications.policy-version-changed', source: 'applications', aggregateId: version.code, occurredAt: new Date().toISOString(), payload: { version } };
}

const TARGETS = `mutation($year: Int!, $urban: Int!, $rural: Int!) { setYearlyTargets(year: $year, urbanNewEmployment: $urban, ruralLabourTransfer: $rural) { year total } }`;
const VERIFY = `mutation($id: ID!) { verifyEmploymentReport(reportId: $id, expectedVersion: 1, decision: VERIFY) { id status } }`;

/** The city bureau enters a year's targets through the service; fails the test on any error. */
export async function enterTargets(funding: TestSubgraph, city: Identity, year: number, urban: number, rural: number): Promise<void> {
  const response = await asGateway(funding.url, city, TARGETS, { year, urban, rural });
  if (response.errors) throw new Error(`setYearlyTargets ${year}: ${JSON.stringify(response.errors)}`);
}

/**
 * Factory: a park's employment report for a year as the park submitted it (REPORTED, version 1);
 * the reporting itself is the employment module's concern and tested there.
 */
export async function reportedEmployment(funding: TestSubgraph, parkId: string, year: number, employmentPromoted: number): Promise<string> {
  const [row]: Array<{ id: string }> = await funding.service.dataSource.query(
    `INSERT INTO funding.employment_report (park_id, year, employment_promoted, evidence, status, reported_by) VALUES ($1, $2, $3, '社保缴费清单 2031-01', 'REPORTED', 'operator-test') RETURNING id`,
    [parkId, year, employmentPromoted],
  );
  return row.id;
}

/** The county bureau verifies a report through the service; fails the test on any error. */
export async function verifyReport(funding: TestSubgraph, county: Identity, reportId: string): Promise<void> {
  const response = await asGateway(funding.url, county, VERIFY, { id: reportId });
  if (response.errors) throw new Error(`verifyEmploymentReport ${reportId}: ${JSON.stringify(response.errors)}`);
}
