import { createHash } from 'node:crypto';
import { CITY_MEASURES, computeAssessmentTotal, computeOperatingSubsidy, DEFAULT_ASSESSMENT_TEMPLATE, nextStage, type StageAction } from '@cz/policy';
import { generateScaledCity, PARKS_AT_SCALE_1 } from './city';
import type { ScaledCity } from './model';
import { SCALED_COUNTIES } from './places';

const digest = (city: ScaledCity) => createHash('sha256').update(JSON.stringify(city, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('hex') : value))).digest('hex');
const groupBy = <T, K>(rows: readonly T[], key: (row: T) => K) => rows.reduce((map, row) => map.set(key(row), [...(map.get(key(row)) ?? []), row]), new Map<K, T[]>());
const unique = (values: readonly unknown[]) => new Set(values).size === values.length;

describe('the scaled city', () => {
  let city: ScaledCity;
  beforeAll(() => {
    city = generateScaledCity({ seed: 7, scale: 1 });
  });

  it('is the same city for the same seed and scale, and another for another seed', () => {
    const small = digest(generateScaledCity({ seed: 3, scale: 0.1 }));
    expect(digest(generateScaledCity({ seed: 3, scale: 0.1 }))).toBe(small);
    expect(digest(generateScaledCity({ seed: 4, scale: 0.1 }))).not.toBe(small);
  });

  it('has hundreds of parks in every county, tens of thousands of institutions, ten years of history', () => {
    const parks = city.registry.park;
    expect(parks.length).toBeGreaterThanOrEqual(PARKS_AT_SCALE_1 * 0.9);
    expect(parks.length).toBeLessThanOrEqual(PARKS_AT_SCALE_1 * 1.1);
    for (const county of SCALED_COUNTIES) expect(parks.filter((park) => park.countyCode === county.code).length).toBeGreaterThan(0);
    expect(city.registry.residentInstitution.length).toBeGreaterThanOrEqual(20_000);
    expect(city.funding.ledgerEntry.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(city.applications.application.map((application) => application.year))).toEqual(new Set(Array.from({ length: 11 }, (_, index) => 2016 + index)));
    expect(new Set(city.assessment.assessment.map((assessment) => assessment.year)).size).toBe(10);
    expect(new Set(parks.map((park) => park.status))).toEqual(new Set(['CANDIDATE', 'RECOGNISED', 'REVOKED']));
    // A pipeline at the end: applications still under way.
    expect(city.applications.application.filter((application) => !['APPROVED', 'REJECTED'].includes(application.stage)).length).toBeGreaterThan(5);
  });

  it('scales the number of parks, keeping at least one in every county', () => {
    const tiny = generateScaledCity({ seed: 7, scale: 0.01 });
    expect(new Set(tiny.registry.park.map((park) => park.countyCode)).size).toBe(SCALED_COUNTIES.length);
  });

  it('gives every service the same parks, with unique ids everywhere', () => {
    expect(city.parkRefs.map((ref) => [ref.parkId, ref.name, ref.countyCode, ref.status, ref.sourceVersion])).toEqual(city.registry.park.map((park) => [park.id, park.name, park.countyCode, park.status, park.version]));
    for (const ids of [city.registry.park.map((row) => row.id), city.registry.residentInstitution.map((row) => row.id), city.applications.application.map((row) => row.id), city.funding.fundingAward.map((row) => row.id), city.assessment.assessment.map((row) => row.id)]) {
      expect(unique(ids)).toBe(true);
    }
    const parkIds = new Set(city.registry.park.map((park) => park.id));
    for (const row of [...city.applications.application, ...city.funding.fundingAward, ...city.assessment.assessment]) expect(parkIds.has(row.parkId)).toBe(true);
  });

  it('moves every application only as the Art 7 procedure allows, with approved facts that pass the rules', () => {
    const transitions = groupBy(city.applications.applicationTransition, (row) => row.applicationId);
    const submissions = groupBy(city.applications.applicationSubmission, (row) => row.applicationId);
    for (const application of city.applications.application) {
      let stage = 'DRAFT';
      let previous = application.createdAt;
      for (const transition of transitions.get(application.id) ?? []) {
        expect(transition.fromStage).toBe(stage);
        expect(nextStage(transition.action as StageAction, transition.fromStage)).toBe(transition.toStage);
        expect(transition.occurredAt >= previous).toBe(true);
        stage = transition.toStage;
        previous = transition.occurredAt;
      }
      expect(application.stage).toBe(stage);
      expect(application.version).toBe(1 + (transitions.get(application.id)?.length ?? 0));
      if (application.stage === 'APPROVED') {
        const last = submissions.get(application.id)?.at(-1);
        expect((last?.eligibility as Array<{ outcome: string }>).every((rule) => rule.outcome === 'PASS')).toBe(true);
      }
    }
  });

  it('grades every assessment by the default template, and revokes only after two unqualified years in a row', () => {
    const scores = groupBy(city.assessment.indicatorScore, (row) => `${row.assessmentId}/${row.phase}`);
    const sheet = (id: string, phase: string) => Object.fromEntries((scores.get(`${id}/${phase}`) ?? []).map((row) => [row.indicatorCode, row.score]));
    for (const assessment of city.assessment.assessment.filter((row) => row.status === 'FINAL')) {
      const reassessed = scores.has(`${assessment.id}/REASSESSMENT`);
      const final = computeAssessmentTotal(DEFAULT_ASSESSMENT_TEMPLATE, sheet(assessment.id, reassessed ? 'REASSESSMENT' : 'INITIAL'));
      const initial = computeAssessmentTotal(DEFAULT_ASSESSMENT_TEMPLATE, sheet(assessment.id, 'INITIAL'));
      expect([assessment.totalScore, assessment.grade]).toEqual([final.totalScore, final.grade]);
      expect([assessment.initialTotalScore, assessment.initialGrade]).toEqual([initial.totalScore, initial.grade]);
      expect(reassessed).toBe(initial.grade === 'UNQUALIFIED');
      expect(assessment.commended).toBe(final.grade === 'EXCELLENT');
    }
    const byPark = groupBy(city.assessment.assessment, (row) => row.parkId);
    const revoked = city.registry.park.filter((park) => park.status === 'REVOKED');
    expect(revoked.length).toBeGreaterThan(0);
    for (const park of city.registry.park) {
      const grades = (byPark.get(park.id) ?? []).sort((a, b) => a.year - b.year);
      const twice = grades.findIndex((row, index) => index > 0 && row.grade === 'UNQUALIFIED' && grades[index - 1].grade === 'UNQUALIFIED' && grades[index - 1].year === row.year - 1);
      expect(park.status === 'REVOKED').toBe(twice >= 0);
      // Nothing is assessed after the revocation.
      if (twice >= 0) expect(twice).toBe(grades.length - 1);
    }
  });

  it('keeps the money consistent: payments never beyond grants, spending never beyond the balance, statuses following the grades', () => {
    const reviews = new Map(city.funding.spendingReview.map((review) => [review.entryId, review]));
    const entries = new Map(city.funding.ledgerEntry.map((entry) => [entry.id, entry]));
    // One sequence: entries and reviews together are 1..n, each review after its entry, each correction after its target.
    expect([...entries.keys(), ...reviews.values()].length).toBe(city.funding.ledgerEntry.length + city.funding.spendingReview.length);
    expect(unique([...entries.keys(), ...city.funding.spendingReview.map((review) => review.id)])).toBe(true);
    const totals = new Map<string, { granted: bigint; paid: bigint; spent: bigint }>();
    const events = [...city.funding.ledgerEntry.map((entry) => ({ id: entry.id, entry })), ...city.funding.spendingReview.map((review) => ({ id: review.id, review }))].sort((a, b) => a.id - b.id);
    for (const event of events) {
      if ('review' in event && event.review) {
        const entry = entries.get(event.review.entryId);
        expect(entry?.kind).toBe('SPENDING');
        expect(event.review.entryId).toBeLessThan(event.review.id);
        if (event.review.decision === 'RETURN') (totals.get(entry!.awardId) as { spent: bigint }).spent -= BigInt(entry!.amountFen);
        continue;
      }
      const entry = (event as { entry: (typeof city.funding.ledgerEntry)[number] }).entry;
      const sum = totals.get(entry.awardId) ?? { granted: 0n, paid: 0n, spent: 0n };
      totals.set(entry.awardId, sum);
      const amount = BigInt(entry.amountFen);
      const kind = entry.kind === 'CORRECTION' ? entries.get(entry.reversesEntryId!)!.kind : entry.kind;
      const sign = entry.kind === 'CORRECTION' ? -1n : 1n;
      if (entry.kind === 'CORRECTION') expect(entry.reversesEntryId).toBeLessThan(entry.id);
      if (kind === 'GRANT') sum.granted += sign * amount;
      if (kind === 'PAYMENT') sum.paid += sign * amount;
      if (kind === 'SPENDING') sum.spent += sign * amount;
      expect(sum.paid <= sum.granted).toBe(true);
      expect(sum.spent <= sum.paid).toBe(true);
    }
    const computations = new Map(city.funding.subsidyComputation.map((row) => [row.awardId, row]));
    const results = new Map(city.funding.assessmentResult.map((row) => [`${row.parkId}/${row.year}`, row]));
    const revokedParks = new Set(city.registry.park.filter((park) => park.status === 'REVOKED').map((park) => park.id));
    for (const award of city.funding.fundingAward) {
      const sum = totals.get(award.id) ?? { granted: 0n, paid: 0n, spent: 0n };
      expect(award.status === 'PAID').toBe(sum.paid > 0n && sum.paid === BigInt(award.amountFen));
      if (award.kind !== 'OPERATING_SUBSIDY') continue;
      const worksheet = computations.get(award.id)!;
      const measures = [city.historicMeasures, CITY_MEASURES].find((version) => version.code === award.policyVersionCode)!;
      expect(measures.effectiveFrom <= worksheet.policyDate && worksheet.policyDate <= (measures.effectiveTo ?? '9999')).toBe(true);
      const worked = computeOperatingSubsidy({ urbanNewEmploymentTarget: worksheet.urbanNewEmploymentTarget, ruralLabourTransferTarget: worksheet.ruralLabourTransferTarget, employmentPromoted: worksheet.employmentPromoted }, measures.parameters.operatingSubsidy);
      expect(award.amountFen).toBe(worked.amountFen);
      const result = results.get(`${award.parkId}/${award.year}`);
      const expected = !result ? ['PENDING', 'CANCELLED'] : result.grade === 'UNQUALIFIED' ? ['CANCELLED'] : award.amountFen === '0' ? ['APPROVED'] : ['APPROVED', 'PAID'];
      if (!(revokedParks.has(award.parkId) && award.status === 'CANCELLED')) expect(expected).toContain(award.status);
    }
  });

  it('ends every history by its as-of instant and keeps personal data obviously fake', () => {
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
    const late: string[] = [];
    for (const service of [city.registry, city.applications, city.funding, city.assessment] as unknown as Array<Record<string, Array<Record<string, unknown>>>>) {
      for (const [table, rows] of Object.entries(service)) {
        for (const row of rows) for (const [column, value] of Object.entries(row)) if (typeof value === 'string' && instant.test(value) && value > city.asOf) late.push(`${table}.${column} ${value}`);
      }
    }
    expect(late).toEqual([]);
    for (const park of city.registry.park) expect(park.contactPhone).toMatch(/^1380000\d{4}$/);
    for (const objection of city.applications.objection) expect(objection.filerContact).toMatch(/^1380000\d{4}$/);
  });
});
