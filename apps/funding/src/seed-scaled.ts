import { insertTables } from '@cz/db';
import { generateScaledCity } from '@cz/demo-data';
import type { ScaledSeeder } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from './config';

/**
 * Takes `count` consecutive ids from the sequence ledger entries and spending reviews share, and
 * returns what to add to the city's ordinals (1, 2, …) to get them.
 */
async function reserveLedgerIds(manager: EntityManager, count: number): Promise<number> {
  const [{ first }]: Array<{ first: string }> = await manager.query(`SELECT nextval(pg_get_serial_sequence('"${SCHEMA}"."ledger_entry"', 'id')) AS "first"`);
  await manager.query(`SELECT setval(pg_get_serial_sequence('"${SCHEMA}"."ledger_entry"', 'id'), $1)`, [Number(first) + count - 1]);
  return Number(first) - 1;
}

/**
 * Funding's part of the scaled city: its copies of the parks, the earlier measures and the
 * gradings, the city's targets, employment reports, awards with their worksheets, the ledger and
 * its reviews, and Art 12 references.
 */
export const scaledSeeder: ScaledSeeder = {
  table: 'funding_award',
  seed: async (manager, options) => {
    const city = generateScaledCity(options);
    const { funding, historicMeasures: measures } = city;
    const offset = await reserveLedgerIds(manager, funding.ledgerEntry.length + funding.spendingReview.length);
    return insertTables(manager, SCHEMA, [
      ['park_ref', city.parkRefs],
      [
        'policy_version_ref',
        [{ code: measures.code, title: measures.title, jurisdictionKind: 'CITY', countyCode: null, effectiveFrom: measures.effectiveFrom, effectiveTo: measures.effectiveTo, parameters: measures.parameters, updatedAt: `${measures.effectiveFrom}T09:00:00+08:00` }],
      ],
      ['yearly_target', funding.yearlyTarget],
      ['employment_report', funding.employmentReport],
      ['assessment_result', funding.assessmentResult],
      ['funding_award', funding.fundingAward],
      ['subsidy_computation', funding.subsidyComputation],
      ['ledger_entry', funding.ledgerEntry.map((entry) => ({ ...entry, id: entry.id + offset, reversesEntryId: entry.reversesEntryId === null ? null : entry.reversesEntryId + offset }))],
      ['spending_review', funding.spendingReview.map((review) => ({ ...review, id: review.id + offset, entryId: review.entryId + offset }))],
      ['enterprise_subsidy_reference', funding.enterpriseSubsidyReference],
    ]);
  },
};
