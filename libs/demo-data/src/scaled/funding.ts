import { computeOperatingSubsidy, formatYuan, operatingSubsidyStatus, type OperatingSubsidyStatus } from '@cz/policy';
import { demoChildId } from '../demo-child-id';
import type { Recognition } from './applications';
import type { AssessedYear, Grading } from './assessments';
import { type Actor, CITY_REVIEWER, type CityContext, countyOfficer, FINANCE_OFFICER, measuresOn, systemOf } from './context';
import type { EntryDraft, LedgerBook } from './ledger';
import type { AwardStatus, FundingRows, SpendingCategory } from './model';
import { type ParkPlan, SCALED_KINDS } from './parks';
import { Random } from './random';
import { actAfter, addDays, addMinutes, at, type Day, dayBetween, dayOfInstant, type Instant, officeTime, workingDayFrom } from './time';

/** The city's yearly targets (Art 10): urban new employment and rural labour transfer, entered in January. */
export interface TargetPlan {
  year: number;
  urbanNewEmployment: number;
  ruralLabourTransfer: number;
  version: number;
  enteredAt: Instant;
  updatedAt: Instant;
}

export function planTargets(root: string, firstYear: number, lastYear: number): TargetPlan[] {
  return Array.from({ length: lastYear - firstYear + 1 }, (_, offset) => {
    const year = firstYear + offset;
    const random = Random.of(root, 'targets', year);
    const enteredAt = officeTime(random, workingDayFrom(`${year}-01-15`));
    // Now and then the bureau corrects a year's figures a few weeks later (version 2).
    const corrected = random.chance(0.2);
    return {
      year,
      urbanNewEmployment: Math.round(random.around(9000 + offset * 250, 600) / 10) * 10,
      ruralLabourTransfer: Math.round(random.around(4200 + offset * 100, 500) / 10) * 10,
      version: corrected ? 2 : 1,
      enteredAt,
      updatedAt: corrected ? actAfter(random, enteredAt, 10, 25) : enteredAt,
    };
  });
}

/** A park's verified employment-promotion count for a year: the same figure its self-assessment reports. */
export function employmentPromoted(root: string, park: ParkPlan, year: number): number {
  const random = Random.of(root, 'employment', park.index, year);
  return Math.round(random.logUniform(1400, 7000) * (0.6 + 0.6 * park.quality));
}

const CATEGORIES: readonly SpendingCategory[] = ['RENT_SUBSIDY', 'RENOVATION', 'PROPERTY_MANAGEMENT', 'PUBLIC_VENUES', 'PARK_OPERATION'];
const CATEGORY_WEIGHTS = [30, 20, 15, 15, 20];
const SPENDING_WORDS: Readonly<Record<SpendingCategory, string>> = {
  RENT_SUBSIDY: '入驻企业房租补贴',
  RENOVATION: '园区装修改造',
  PROPERTY_MANAGEMENT: '园区物业管理费',
  PUBLIC_VENUES: '租用公共场地和设施',
  PARK_OPERATION: '园区运营费用',
};
const REFERENCE_POLICIES = [
  { policyName: '长治市高层次人才引进补贴', subsidyKind: 'TALENT' },
  { policyName: '就业创业补贴（创业孵化）', subsidyKind: 'EMPLOYMENT_ENTREPRENEURSHIP' },
  { policyName: '创业担保贷款贴息', subsidyKind: 'LOAN_INTEREST' },
  { policyName: '职业介绍补贴', subsidyKind: 'JOB_REFERRAL' },
  { policyName: '山西省人力资源服务业发展专项资金', subsidyKind: 'OTHER' },
];

/** The state of one award as its history unfolds: what the funding_award row ends up saying. */
interface AwardState {
  id: string;
  status: AwardStatus;
  version: number;
  updatedAt: Instant;
}

/**
 * Funding's part of one park's history (Art 9–12): the recognition award, a yearly operating
 * subsidy for every assessed year with its worksheet, statuses that follow the gradings as the
 * events delivered them, grants, payments by finance (a few in two instalments, a few corrected),
 * spending by Art 11 category never beyond the balance, the county's reviews of it, employment
 * reports, and Art 12 references.
 */
export class FundingHistory {
  private readonly rows: FundingRows;
  private readonly operator: Actor;
  private readonly county: Actor;

  constructor(
    private readonly random: Random,
    private readonly context: CityContext,
    private readonly ledger: LedgerBook,
    private readonly park: ParkPlan,
    private readonly targets: readonly TargetPlan[],
  ) {
    this.rows = context.city.funding;
    this.operator = { subject: park.operator, role: 'PARK_OPERATOR' };
    this.county = countyOfficer(park.county.code);
  }

  private get asOf(): Instant {
    return this.context.asOf;
  }

  recognitionAward(recognition: Recognition): void {
    const measures = measuresOn(this.context.city, recognition.approvedOn);
    const amount = BigInt(measures.parameters.recognitionAwardFen);
    const createdAt = addMinutes(recognition.approvedAt, 2);
    const state: AwardState = { id: demoChildId(this.park.id, SCALED_KINDS.recognitionAward), status: 'APPROVED', version: 1, updatedAt: createdAt };
    this.ledger.entry({
      awardId: state.id,
      kind: 'GRANT',
      amountFen: amount.toString(),
      idempotencyKey: `grant.${state.id}`,
      category: null,
      description: `市级人力资源服务产业园一次性认定奖励（第九条；批复文号 ${recognition.documentNo}，政策版本 ${measures.code}）`,
      evidence: null,
      voucherNo: null,
      reason: null,
      occurredOn: recognition.approvedOn,
      actor: systemOf('applications'),
      recordedAt: createdAt,
    });
    this.payAndSpend(state, amount, createdAt, 1, null);
    this.rows.fundingAward.push({ id: state.id, parkId: this.park.id, kind: 'RECOGNITION_AWARD', year: Number(recognition.approvedOn.slice(0, 4)), amountFen: amount.toString(), status: state.status, createdAt, updatedAt: state.updatedAt, version: state.version, sourceApplicationId: recognition.applicationId, policyVersionCode: measures.code });
  }

  /**
   * The year's employment report, verified by the county in the next Q1, and the subsidy it
   * creates (with the city's targets, entered in January): PENDING until graded, then as the
   * gradings say; nothing at all once the park is revoked.
   */
  operatingSubsidy(assessed: AssessedYear, employment: number, revokedAt: Instant | null): void {
    const random = this.random;
    const year = assessed.year;
    const reportId = demoChildId(this.park.id, SCALED_KINDS.employmentReport, year);
    const reportedAt = officeTime(random, dayBetween(random, `${year + 1}-01-08`, `${year + 1}-02-28`));
    const returned = random.chance(0.06);
    const verifiedAt = actAfter(random, reportedAt, returned ? 10 : 3, returned ? 20 : 12);
    const unverified = verifiedAt > this.asOf || (year === this.context.city.lastYear && random.chance(0.04)) || (revokedAt !== null && revokedAt < verifiedAt);
    this.rows.employmentReport.push({
      id: reportId,
      parkId: this.park.id,
      year,
      employmentPromoted: employment,
      evidence: `就业登记台账、劳动合同及社保缴费记录（共 ${employment} 人）`,
      status: unverified ? 'REPORTED' : 'VERIFIED',
      returnReason: null,
      version: (unverified ? 1 : 2) + (returned ? 2 : 0),
      reportedBy: this.operator.subject,
      reportedAt,
      verifiedBy: unverified ? null : this.county.subject,
      verifiedAt: unverified ? null : verifiedAt,
    });
    const targets = this.targets.find((target) => target.year === year);
    if (unverified || !targets) return;

    const policyDate: Day = `${year}-12-31`;
    const measures = measuresOn(this.context.city, policyDate);
    const computation = computeOperatingSubsidy({ urbanNewEmploymentTarget: targets.urbanNewEmployment, ruralLabourTransferTarget: targets.ruralLabourTransfer, employmentPromoted: employment }, measures.parameters.operatingSubsidy);
    const amount = BigInt(computation.amountFen);
    const createdAt = verifiedAt;
    const known = (instant: Instant) => assessed.gradings.filter((grading) => grading.at <= instant).at(-1) ?? null;
    const statusAfter = (grading: Grading | null): OperatingSubsidyStatus => operatingSubsidyStatus(false, grading);
    const state: AwardState = { id: demoChildId(this.park.id, SCALED_KINDS.subsidy, year), status: statusAfter(known(createdAt)), version: 1, updatedAt: createdAt };
    let granted: EntryDraft | null = null;
    const grant = (actor: Actor, when: Instant, reason: string) => {
      if (amount === 0n) return;
      granted = this.ledger.entry({
        awardId: state.id,
        kind: 'GRANT',
        amountFen: amount.toString(),
        idempotencyKey: `grant.${state.id}.v${state.version}`,
        category: null,
        description: `${year} 年度基础运营经费补助核定（第十条、第二十条）：${reason}`,
        evidence: null,
        voucherNo: null,
        reason: null,
        occurredOn: dayOfInstant(when),
        actor,
        recordedAt: when,
      });
    };
    const gradeReason = (grading: Grading | null) => (grading ? `${year} 年度考核评估${grading.phase === 'INITIAL' ? '' : '复评'}总分 ${grading.totalScore}` : `${year} 年度考核评估尚未定级`);
    if (state.status === 'APPROVED') grant(this.county, createdAt, gradeReason(known(createdAt)));
    for (const grading of assessed.gradings.filter((candidate) => candidate.at > createdAt)) {
      const target = statusAfter(grading);
      if (target === state.status || state.status === 'CANCELLED') continue;
      const when = addMinutes(grading.at, 1);
      state.version += 1;
      state.status = target;
      state.updatedAt = when;
      if (target === 'APPROVED') grant(systemOf('assessment'), when, gradeReason(grading));
    }
    const grantEntry = granted as EntryDraft | null;
    if (state.status === 'APPROVED' && grantEntry) this.payAndSpend(state, amount, grantEntry.recordedAt, state.version, revokedAt ? { at: revokedAt, grant: grantEntry } : null);
    else if (revokedAt && (state.status === 'PENDING' || state.status === 'HELD')) this.cancelForRevocation(state, revokedAt, null);
    this.rows.fundingAward.push({ id: state.id, parkId: this.park.id, kind: 'OPERATING_SUBSIDY', year, amountFen: amount.toString(), status: state.status, createdAt, updatedAt: state.updatedAt, version: state.version, sourceApplicationId: null, policyVersionCode: measures.code });
    this.rows.subsidyComputation.push({
      awardId: state.id,
      employmentReportId: reportId,
      urbanNewEmploymentTarget: targets.urbanNewEmployment,
      ruralLabourTransferTarget: targets.ruralLabourTransfer,
      targetsVersion: targets.version,
      employmentPromoted: employment,
      policyDate,
      computation,
      computedAt: createdAt,
    });
  }

  /** Funding's copy of the latest grading of a year, as the assessment-graded events left it. */
  assessmentResult(assessed: AssessedYear): void {
    const latest = assessed.gradings.at(-1);
    if (!latest) return;
    const phaseRank = latest.phase === 'INITIAL' ? 1 : 2;
    this.rows.assessmentResult.push({
      parkId: this.park.id,
      year: assessed.year,
      assessmentId: assessed.assessmentId,
      cycleId: assessed.cycleId,
      phase: latest.phase,
      phaseRank,
      totalScore: latest.totalScore,
      grade: latest.grade,
      outcome: latest.outcome,
      rectificationDeadline: latest.rectificationDeadline,
      gradedOn: dayOfInstant(latest.at),
      occurredAt: latest.at,
      eventId: demoChildId(assessed.assessmentId, SCALED_KINDS.gradingEvent, phaseRank),
      updatedAt: addMinutes(latest.at, 1),
    });
  }

  /**
   * Finance pays what was granted (once, or in two instalments; now and then a payment is keyed
   * wrong, reversed by a correction and paid again), the award turns PAID when fully paid, and the
   * park spends from it by Art 11 category for up to three years, never beyond what is paid and
   * not yet spent, each spending reviewed by its county.
   */
  private payAndSpend(state: AwardState, amount: bigint, grantedAt: Instant, version: number, revocation: { at: Instant; grant: EntryDraft } | null): void {
    const random = this.random;
    const instalments = random.chance(0.12) ? [(amount * 6n) / 10n, amount - (amount * 6n) / 10n] : [amount];
    const payments: Array<{ at: Instant; amount: bigint }> = [];
    let previous = grantedAt;
    for (const [index, part] of instalments.entries()) {
      let paidAt = actAfter(random, previous, index === 0 ? 8 : 25, index === 0 ? 40 : 60);
      if (paidAt > this.asOf) break;
      if (revocation && paidAt > revocation.at) {
        // Art 20(二): a revoked park receives nothing more; what is paid already stays (finance settles it by hand).
        if (index === 0) return this.cancelForRevocation(state, revocation.at, revocation.grant);
        break;
      }
      const year = paidAt.slice(0, 4);
      const payment = (when: Instant, attempt: number) =>
        this.ledger.entry({
          awardId: state.id,
          kind: 'PAYMENT',
          amountFen: part.toString(),
          idempotencyKey: `pay.${state.id}.${index + 1}.${attempt}`,
          category: null,
          description: '市级财政拨付（就业补助资金）',
          evidence: null,
          voucherNo: `长财社〔${year}〕${random.int(10, 999)}号`,
          reason: null,
          occurredOn: dayOfInstant(when),
          actor: FINANCE_OFFICER,
          recordedAt: when,
        });
      const first = payment(paidAt, 1);
      if (random.chance(0.015)) {
        // Keyed against the wrong voucher: reversed in full and paid again (the award is APPROVED in between).
        const correctedAt = actAfter(random, paidAt, 1, 3);
        this.correction(first, correctedAt, '拨付凭证号录入错误，冲销后重新拨付', FINANCE_OFFICER);
        paidAt = actAfter(random, correctedAt, 1, 3);
        payment(paidAt, 2);
        // A payment that completes the award turns it PAID; its reversal makes it APPROVED again.
        if (index === instalments.length - 1) version += 2;
      }
      payments.push({ at: paidAt, amount: part });
      previous = paidAt;
    }
    const paid = payments.reduce((sum, payment) => sum + payment.amount, 0n);
    if (paid === amount && payments.length > 0) {
      state.status = 'PAID';
      state.version = version + 1;
      state.updatedAt = payments[payments.length - 1].at;
    } else if (payments.length > 0) state.version = version;
    if (payments.length > 0) this.spend(state.id, payments);
  }

  /** The revocation cancels an unpaid subsidy: its grant, if any, is reversed in full. */
  private cancelForRevocation(state: AwardState, revokedAt: Instant, grant: EntryDraft | null): void {
    const at = addMinutes(revokedAt, 1);
    if (grant) this.correction(grant, at, '园区已被取消市级人力资源服务产业园资格，补助取消', systemOf('registry'));
    state.version += 1;
    state.status = 'CANCELLED';
    state.updatedAt = at;
  }

  private correction(target: EntryDraft, at: Instant, reason: string, actor: Actor): void {
    this.ledger.entry({ awardId: target.awardId, kind: 'CORRECTION', amountFen: target.amountFen, idempotencyKey: null, category: null, description: '冲销错误分录', evidence: null, voucherNo: null, reason, occurredOn: dayOfInstant(at), actor, recordedAt: at, reverses: target });
  }

  private spend(awardId: string, payments: ReadonlyArray<{ at: Instant; amount: bigint }>): void {
    const random = this.random;
    const count = random.int(3, 16);
    const share = 0.45 + 0.5 * this.park.quality;
    const start = payments[0].at;
    let spent = 0n;
    const days = Array.from({ length: count }, () => random.int(10, 1100)).sort((a, b) => a - b);
    for (const offset of days) {
      const day = addDays(dayOfInstant(start), offset);
      const spentAt = officeTime(random, day);
      if (spentAt > this.asOf) break;
      const available = payments.filter((payment) => payment.at < spentAt).reduce((sum, payment) => sum + payment.amount, 0n) - spent;
      const planned = BigInt(Math.round((Number(payments.reduce((sum, payment) => sum + payment.amount, 0n)) * share * random.around(1 / count, 0.6 / count, 0.1 / count)) / 100)) * 100n;
      const amount = planned < available ? planned : available;
      if (amount < 10_000n) continue;
      const category = CATEGORIES[random.weighted(CATEGORY_WEIGHTS)];
      const entry = this.ledger.entry({
        awardId,
        kind: 'SPENDING',
        amountFen: amount.toString(),
        idempotencyKey: null,
        category,
        description: `${SPENDING_WORDS[category]}（${day.slice(0, 7)}）`,
        evidence: `发票 ${random.int(1, 12)} 张、银行付款凭证（凭证号 JZ${day.replace(/-/g, '')}${random.int(100, 999)}）`,
        voucherNo: null,
        reason: null,
        occurredOn: day,
        actor: this.operator,
        recordedAt: spentAt,
      });
      spent += amount;
      const reviewedAt = actAfter(random, spentAt, 3, 15);
      if (reviewedAt > this.asOf) continue;
      if (random.chance(0.05)) {
        // A returned spending no longer counts as spent, so its amount is available again.
        this.ledger.review(entry, 'RETURN', '支出凭证与用途说明不一致，请补正后重新登记', this.county, reviewedAt);
        spent -= amount;
        continue;
      }
      this.ledger.review(entry, 'ACCEPT', null, this.county, reviewedAt);
      if (random.chance(0.004)) {
        const correctedAt = actAfter(random, reviewedAt, 2, 10);
        if (correctedAt > this.asOf) continue;
        this.correction(entry, correctedAt, '同一笔支出重复登记，予以冲销', CITY_REVIEWER);
        spent -= amount;
      }
    }
  }

  /** Art 12: subsidies resident enterprises applied for under other policies, recorded by the park. */
  enterpriseSubsidies(year: number): void {
    const random = this.random;
    const seen = new Set<string>();
    const references = random.int(0, 3);
    for (let index = 0; index < references; index += 1) {
      const enterprise = random.pick(this.park.institutions);
      const policy = random.pick(REFERENCE_POLICIES);
      const appliedOn = dayBetween(random, `${year}-02-01`, `${year}-11-30`);
      const key = `${enterprise.creditCode}/${policy.policyName}/${appliedOn}`;
      const recordedAt = officeTime(random, addDays(appliedOn, random.int(0, 10)));
      if (seen.has(key) || recordedAt > this.asOf) continue;
      seen.add(key);
      const decidedOn = addDays(appliedOn, random.int(30, 120));
      const decided = at(decidedOn, 17) <= this.asOf;
      const status = !decided ? 'APPLIED' : (['GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'REJECTED', 'WITHDRAWN'] as const)[random.int(0, 7)];
      const amount = random.int(50, 2000) * 10_000;
      this.rows.enterpriseSubsidyReference.push({
        id: demoChildId(this.park.id, SCALED_KINDS.enterpriseSubsidy, year * 10 + index),
        parkId: this.park.id,
        enterpriseName: enterprise.name,
        enterpriseCreditCode: enterprise.creditCode,
        ...policy,
        amountFen: String(amount),
        status,
        appliedOn,
        decidedOn: decided ? decidedOn : null,
        note: status === 'GRANTED' ? `已获批 ${formatYuan(BigInt(amount))} 元` : null,
        version: decided ? 2 : 1,
        recordedBy: this.operator.subject,
        recordedAt,
        updatedAt: decided ? at(decidedOn, 17) : recordedAt,
      });
    }
  }
}
