import { randomUUID } from 'node:crypto';
import type { DeclaredFacts } from '@cz/policy';
import type { ApplicationApprovedPayload, EventEnvelope } from '@cz/queue-contracts';

/** Funding reads none of the facts; they only make the payload what the applications service sends. */
const facts: DeclaredFacts = {
  revenueYear: 2025,
  sites: [{ name: '核心园区', address: '长治市某路 1 号', buildingAreaM2: '3200.00', isCore: true }],
  institutions: [],
  publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
  subParkJustification: null,
};

/** An approval event as the applications service's relay sends it, with a fresh event id. */
export function approvalEvent(payload: Partial<ApplicationApprovedPayload> & Pick<ApplicationApprovedPayload, 'parkId'>): EventEnvelope<'applications.application-approved'> {
  const full: ApplicationApprovedPayload = {
    applicationId: randomUUID(),
    kind: 'RECOGNITION',
    approvalDocumentNo: '长人社函〔2026〕12号',
    approvedOn: '2026-11-20',
    facts,
    subPark: null,
    recognitionAwardFen: '80000000',
    policyVersionCode: 'CZ-HRSIP-2024-TRIAL',
    ...payload,
  };
  return { id: randomUUID(), type: 'applications.application-approved', source: 'applications', aggregateId: full.applicationId, occurredAt: new Date().toISOString(), payload: full };
}
