import { officialParkName, PUBLIC_SERVICE_FUNCTIONS } from '@cz/policy';
import { demoChildId } from '../demo-child-id';
import { ApplicationHistory, type Recognition } from './applications';
import { cycleRows, planCycles, simulateAssessments } from './assessments';
import { type CityContext, historicMeasures, systemOf } from './context';
import { employmentPromoted, FundingHistory, planTargets } from './funding';
import { LedgerBook } from './ledger';
import type { ParkStatus, ScaledCity, ScaledCityOptions } from './model';
import { parkNames } from './names';
import { SCALED_COUNTIES } from './places';
import { type ParkPlan, planPark, SCALED_KINDS } from './parks';
import { PublicitySchedule } from './publicity';
import { Random } from './random';
import { actAfter, addDays, addMinutes, at, dayOfInstant, type Instant, later, officeTime } from './time';

/** The years of history: applications from FIRST_YEAR, assessments up to LAST_YEAR (its cycle runs in Q1 of the next). */
export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;
/** About this many parks at scale 1 ("hundreds of parks"). */
export const PARKS_AT_SCALE_1 = 300;
export const MAX_SCALE = 20;
const RECENT_FROM = `${LAST_YEAR}-07-01`;

/** How many parks each county gets: at least one everywhere, the rest by the counties' weights. */
export function parksPerCounty(scale: number): number[] {
  const total = SCALED_COUNTIES.reduce((sum, county) => sum + county.weight, 0);
  return SCALED_COUNTIES.map((county) => Math.max(1, Math.round((PARKS_AT_SCALE_1 * scale * county.weight) / total)));
}

function emptyCity(options: ScaledCityOptions, asOf: Instant): ScaledCity {
  return {
    options,
    firstYear: FIRST_YEAR,
    lastYear: LAST_YEAR,
    asOf,
    historicMeasures: historicMeasures(FIRST_YEAR),
    parkRefs: [],
    registry: { park: [], parkSite: [], residentInstitution: [], parkPublicService: [], parkStatusHistory: [] },
    applications: {
      application: [],
      applicationTransition: [],
      applicationDraftFacts: [],
      applicationSubmission: [],
      applicationMaterial: [],
      reviewDecision: [],
      applicationPanelMember: [],
      panelEvaluation: [],
      evaluationScoreChange: [],
      siteInspection: [],
      qualitativeFinding: [],
      evaluationConclusion: [],
      publicity: [],
      publicityItem: [],
      objection: [],
    },
    funding: { yearlyTarget: [], employmentReport: [], fundingAward: [], subsidyComputation: [], assessmentResult: [], ledgerEntry: [], spendingReview: [], enterpriseSubsidyReference: [] },
    assessment: { assessmentCycle: [], assessment: [], selfAssessmentEntry: [], assessmentReviewer: [], indicatorScore: [], scoreChange: [], rectification: [] },
  };
}

/**
 * A whole city's programme history, deterministically from a seed and a scale: parks in every
 * county, their applications through Art 7, recognitions, yearly assessments, subsidies following
 * the grades, the ledger, and revocations after two unqualified years. Pure: each service's seed
 * calls it and writes only its own lists, and every service gets the same ids.
 */
export function generateScaledCity(options: ScaledCityOptions): ScaledCity {
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  if (!(options.scale > 0 && options.scale <= MAX_SCALE)) throw new Error(`scale must be above 0 and at most ${MAX_SCALE}, got ${options.scale}`);
  const root = `scaled-city:${options.seed}`;
  const asOf = at(`${LAST_YEAR + 1}-06-30`, 23, 59);
  const context: CityContext = { root, city: emptyCity(options, asOf), asOf, asOfDay: dayOfInstant(asOf) };
  const publicity = new PublicitySchedule(root);
  const usedPublicity = new Set<string>();
  const cycles = planCycles(root, FIRST_YEAR, LAST_YEAR);
  const targets = planTargets(root, FIRST_YEAR, LAST_YEAR + 1);
  const ledger = new LedgerBook();

  const counts = parksPerCounty(options.scale);
  let index = 0;
  for (const [countyIndex, county] of SCALED_COUNTIES.entries()) {
    const names = parkNames(Random.of(root, 'names', county.code), county.name, county.places, counts[countyIndex]);
    for (const name of names) {
      // One park in six is new: registered in the last year, its first application in the pipeline.
      const recent = Random.of(root, 'recent', index).chance(1 / 6);
      const park = planPark(Random.of(root, 'park', index), root, index, county, name, recent ? RECENT_FROM : '2014-06-01', recent ? `${LAST_YEAR + 1}-05-31` : `${LAST_YEAR}-06-30`);
      simulatePark(context, park, { publicity, usedPublicity, cycles, targets, ledger });
      index += 1;
    }
  }

  const city = context.city;
  city.applications.publicity = publicity.rows(usedPublicity);
  city.assessment.assessmentCycle = cycleRows(cycles);
  city.funding.yearlyTarget = targets.map((target) => ({ ...target, enteredBy: 'city-bureau-reviewer-01' }));
  Object.assign(city.funding, ledger.rows());
  return city;
}

interface Shared {
  publicity: PublicitySchedule;
  usedPublicity: Set<string>;
  cycles: ReturnType<typeof planCycles>;
  targets: ReturnType<typeof planTargets>;
  ledger: LedgerBook;
}

/** One park's history in every service, from its own random stream. */
function simulatePark(context: CityContext, park: ParkPlan, shared: Shared): void {
  const random = Random.of(context.root, 'history', park.index);
  const createdAt = at(park.registeredOn, 10);
  let recognition: Recognition | null = null;
  const recent = park.registeredOn >= RECENT_FROM;
  let applyAt = officeTime(random, later(addDays(park.registeredOn, recent ? random.int(15, 60) : random.int(60, 420)), `${FIRST_YEAR}-02-15`));
  for (let attempt = 1; attempt <= 3 && applyAt <= context.asOf; attempt += 1) {
    const outcome = new ApplicationHistory(random, context, park, shared.publicity, shared.usedPublicity, attempt, applyAt).run();
    recognition = outcome.recognition;
    // A rejected park tries again about a year later, half the time; anything else ends its applications.
    if (outcome.stage !== 'REJECTED' || !outcome.decidedAt || !random.chance(0.5)) break;
    applyAt = actAfter(random, outcome.decidedAt, 100, 260);
  }

  const history: Array<{ to: ParkStatus; at: Instant }> = [];
  let revokedAt: Instant | null = null;
  if (recognition) {
    const recognisedAt = addMinutes(recognition.approvedAt, 2);
    history.push({ to: 'RECOGNISED', at: recognisedAt });
    recogniseInRegistry(context, park, recognition, recognisedAt);
    const employment = (year: number) => employmentPromoted(context.root, park, year);
    const assessed = simulateAssessments(random, context, park, recognition.approvedOn, shared.cycles, employment);
    revokedAt = assessed.revokedAt;
    const funding = new FundingHistory(random, context, shared.ledger, park, shared.targets);
    funding.recognitionAward(recognition);
    for (const year of assessed.years) {
      funding.operatingSubsidy(year, employment(year.year), revokedAt);
      funding.assessmentResult(year);
      funding.enterpriseSubsidies(year.year);
    }
    if (assessed.revokedAt && assessed.revocationYears) {
      history.push({ to: 'REVOKED', at: assessed.revokedAt });
      const [first, second] = assessed.revocationYears;
      context.city.registry.parkStatusHistory.push({
        parkId: park.id,
        fromStatus: 'RECOGNISED',
        toStatus: 'REVOKED',
        reason: `连续两次考核评估不合格（${first}、${second}年度），依据《市级人力资源服务产业园管理办法（试行）》第二十条第（二）项取消市级人力资源服务产业园资格`,
        applicationId: null,
        approvalDocumentNo: null,
        approvedOn: null,
        actor: systemOf('assessment').subject,
        occurredAt: assessed.revokedAt,
      });
    }
  }

  const status: ParkStatus = history.at(-1)?.to ?? 'CANDIDATE';
  const officialName = status === 'CANDIDATE' ? null : officialParkName(park.name);
  const version = 1 + history.length;
  const updatedAt = history.at(-1)?.at ?? createdAt;
  context.city.registry.park.push({
    id: park.id,
    name: park.name,
    officialName,
    countyCode: park.county.code,
    address: park.address,
    status,
    contactName: park.contactName,
    contactPhone: park.contactPhone,
    propertyOwnership: park.propertyOwnership,
    registeredOn: park.registeredOn,
    constructionInvestmentFen: park.constructionInvestmentFen,
    buildingAreaM2: park.buildingAreaM2,
    managementTeamSize: park.managementTeamSize,
    constructionMode: park.constructionMode,
    servicesOffered: park.servicesOffered,
    version,
    createdAt,
    updatedAt,
  });
  context.city.parkRefs.push({ parkId: park.id, name: park.name, officialName, countyCode: park.county.code, status, sourceVersion: version, updatedAt: addMinutes(updatedAt, 1) });
}

/** What the registry does with an approval: sites, roster and public services from the frozen facts, and the status change. */
function recogniseInRegistry(context: CityContext, park: ParkPlan, recognition: Recognition, recognisedAt: Instant): void {
  const registry = context.city.registry;
  park.sites.forEach((site, index) => registry.parkSite.push({ id: demoChildId(park.id, SCALED_KINDS.site, index), parkId: park.id, ...site, addedByApplicationId: null, createdAt: recognisedAt }));
  park.institutions.forEach((institution, index) =>
    registry.residentInstitution.push({ id: demoChildId(park.id, SCALED_KINDS.institution, index), parkId: park.id, ...institution, revenueYear: recognition.revenueYear, sourceApplicationId: recognition.applicationId, createdAt: recognisedAt }),
  );
  for (const fn of PUBLIC_SERVICE_FUNCTIONS) registry.parkPublicService.push({ parkId: park.id, function: fn });
  registry.parkStatusHistory.push({
    parkId: park.id,
    fromStatus: 'CANDIDATE',
    toStatus: 'RECOGNISED',
    reason: `经批复（${recognition.documentNo}）认定为市级人力资源服务产业园`,
    applicationId: recognition.applicationId,
    approvalDocumentNo: recognition.documentNo,
    approvedOn: recognition.approvedOn,
    actor: systemOf('applications').subject,
    occurredAt: recognisedAt,
  });
}
