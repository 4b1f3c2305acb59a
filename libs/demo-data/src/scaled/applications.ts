import { createHash } from 'node:crypto';
import { evaluateEligibility } from '@cz/policy';
import { demoChildId } from '../demo-child-id';
import { type Actor, CITY_DIRECTOR, CITY_REVIEWER, type CityContext, countyOfficer, measuresOn, SYSTEM_SCHEDULER } from './context';
import type { ApplicationRows, ApplicationStage } from './model';
import { fakeMobile, personName } from './names';
import { declaredFacts, type ParkPlan, SCALED_KINDS } from './parks';
import type { PublicitySchedule, PublicitySlot } from './publicity';
import type { Random } from './random';
import { actAfter, addDays, addMinutes, at, type Day, dayOfInstant, type Instant, officeTime, yearOf } from './time';

/** What an approval (批复) gave the park: the registry recognises it, funding makes its award. */
export interface Recognition {
  applicationId: string;
  approvedOn: Day;
  approvedAt: Instant;
  documentNo: string;
  policyVersionCode: string;
  revenueYear: number;
}

interface Reason {
  item: string;
  label: string;
  reason: string;
}

const RETURN_REASONS: readonly Reason[] = [
  { item: 'INSTITUTION_ROSTER', label: '入驻机构情况', reason: '部分入驻机构营业收入佐证材料不全，请补充上年度财务报表' },
  { item: 'APPROVAL_FORM', label: '审批表', reason: '审批表缺少产权单位意见及盖章' },
  { item: 'FEASIBILITY_STUDY', label: '可行性论证报告和建设发展规划', reason: '建设发展规划缺少近三年发展目标和保障措施' },
  { item: 'OPERATION_REPORT', label: '建设管理和运营情况', reason: '运营情况报告未说明公共服务功能的开展情况' },
];
const REJECT_REASONS: readonly Reason[] = [
  { item: 'GENERAL', label: '总体意见', reason: '园区运营主体不具备独立法人资格，不符合第六条第（四）项的要求' },
  { item: 'FACTS', label: '申报事实', reason: '核心园区产权存在争议，暂不具备认定条件' },
  { item: 'GENERAL', label: '总体意见', reason: '经联合评审，园区规划与所在区域产业布局重复，社会效益不明显' },
];
const MATERIALS = [
  { item: 'LETTER', fileName: '认定申请函.pdf', contentType: 'application/pdf' },
  { item: 'APPROVAL_FORM', fileName: '市级人力资源服务产业园审批表.pdf', contentType: 'application/pdf' },
  { item: 'FEASIBILITY_STUDY', fileName: '可行性论证报告及建设发展规划.pdf', contentType: 'application/pdf' },
  { item: 'OPERATION_REPORT', fileName: '建设管理和运营情况报告.pdf', contentType: 'application/pdf' },
  { item: 'INSTITUTION_ROSTER', fileName: '入驻机构名册及资质营收证明.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
];
const PANEL = [
  { subject: 'panel-expert-01', name: '刘建华', department: '市发展改革委' },
  { subject: 'panel-expert-02', name: '张玉梅', department: '市财政局' },
  { subject: 'panel-expert-03', name: '王志强', department: '市人社局' },
  { subject: 'panel-expert-04', name: '李晓东', department: '长治学院' },
  { subject: 'panel-expert-05', name: '赵丽君', department: '行业协会' },
  { subject: 'panel-expert-06', name: '郭明远', department: '市商务局' },
  { subject: 'panel-expert-07', name: '申文博', department: '市场监管局' },
];
const CRITERIA = [
  { criterion: 'PLANNING_REPORT', finding: '建设发展规划目标明确，功能布局合理', evidence: '可行性论证报告第三章' },
  { criterion: 'OPERATING_TEAM', finding: '运营机构为独立法人，专职管理团队到位', evidence: '运营公司营业执照及团队名册' },
  { criterion: 'SOCIAL_BENEFITS', finding: '近一年组织招聘会并提供公共就业服务，社会效益明显', evidence: '运营情况报告及活动台账' },
];

const summary = (reasons: readonly Reason[]) => reasons.map((reason) => `${reason.label}：${reason.reason}`).join('；');
const decisionReasons = (reasons: readonly Reason[]) => reasons.map(({ item, reason }) => ({ item, reason }));
const score = (value: number) => value.toFixed(2);

/** A small file standing in for an uploaded document: real bytes, a real hash, obviously demo data. */
function demoFile(applicationId: string, item: string, version: number): { content: Buffer; sha256: string } {
  const content = Buffer.from(`%PDF-1.4\n% 长治市人力资源服务产业园平台 演示数据 ${item} 第 ${version} 版 ${applicationId}\n%%EOF\n`, 'utf8');
  return { content, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * One recognition application through Art 7, as the applications service records it: each step a
 * transition row (who, when, why), decisions with reasons, frozen submissions with their rule
 * results, versioned materials, the panel's work, a monthly publicity period with the occasional
 * objection, and the approval. The history stops where `asOf` finds it, except that an
 * application is never left in a publicity period (periods close before the history ends).
 */
export class ApplicationHistory {
  private stage: ApplicationStage = 'DRAFT';
  private version = 1;
  private now: Instant;
  private submittedAt: Instant | null = null;
  private decidedAt: Instant | null = null;
  private round = 0;
  private returns = 0;
  private decisions = 0;
  /** The material items named by the last return: the park uploads a new version of each. */
  private returnedItems: string[] = [];
  private readonly materialVersions = new Map<string, number>();
  readonly id: string;
  private readonly rows: ApplicationRows;
  private readonly operator: Actor;

  constructor(
    private readonly random: Random,
    private readonly context: CityContext,
    private readonly park: ParkPlan,
    private readonly publicity: PublicitySchedule,
    private readonly usedPublicity: Set<string>,
    attempt: number,
    private readonly createdAt: Instant,
  ) {
    this.id = demoChildId(park.id, SCALED_KINDS.application, attempt);
    this.rows = context.city.applications;
    this.operator = { subject: park.operator, role: 'PARK_OPERATOR' };
    this.now = createdAt;
  }

  /** Runs the procedure; the outcome is where the application ended (or stood at `asOf`). */
  run(): { stage: ApplicationStage; decidedAt: Instant | null; recognition: Recognition | null } {
    const recognition = this.proceed();
    const year = yearOf(this.createdAt);
    this.rows.application.push({ id: this.id, parkId: this.park.id, kind: 'RECOGNITION', stage: this.stage, year, submittedAt: this.submittedAt, decidedAt: this.decidedAt, version: this.version, createdAt: this.createdAt, updatedAt: this.now });
    return { stage: this.stage, decidedAt: this.decidedAt, recognition };
  }

  private proceed(): Recognition | null {
    const random = this.random;
    const draftDone = actAfter(random, this.createdAt, 8, 40);
    // A draft still being written at `asOf` has its facts and files from its first hours.
    const draftedUntil = draftDone > this.asOf ? addMinutes(this.createdAt, 120) : draftDone;
    this.rows.applicationDraftFacts.push({ applicationId: this.id, facts: declaredFacts(this.park, yearOf(this.createdAt)), updatedAt: draftedUntil, updatedBy: this.operator.subject });
    this.uploadMaterials(MATERIALS.map((material) => material.item), this.createdAt, draftedUntil);
    if (!this.submit(draftDone)) return null;
    for (;;) {
      const county = this.review('COUNTY_REVIEW', countyOfficer(this.park.county.code), 'countyPass', 0.11, 0.03);
      if (county === 'STOP' || county === 'REJECT') return null;
      if (county === 'RETURN') {
        if (!this.resubmit()) return null;
        continue;
      }
      const city = this.review('CITY_REVIEW', CITY_REVIEWER, 'cityPass', 0.08, 0.03);
      if (city === 'STOP' || city === 'REJECT') return null;
      if (city === 'RETURN') {
        if (!this.resubmit()) return null;
        continue;
      }
      break;
    }
    const evaluated = this.evaluate();
    if (!evaluated) return null;
    if (!this.publicise()) return null;
    return this.approve();
  }

  private get asOf(): Instant {
    return this.context.asOf;
  }

  private transition(action: string, to: ApplicationStage, actor: Actor, at: Instant, reason: string | null = null, details: object = {}): void {
    this.rows.applicationTransition.push({ applicationId: this.id, action, fromStage: this.stage, toStage: to, actorSubject: actor.subject, actorRole: actor.role, reason, details, occurredAt: at });
    this.stage = to;
    this.version += 1;
    this.now = at;
    if (to === 'APPROVED' || to === 'REJECTED') this.decidedAt = at;
  }

  private uploadMaterials(items: readonly string[], from: Instant, to: Instant): void {
    for (const item of items) {
      const material = MATERIALS.find((candidate) => candidate.item === item) ?? MATERIALS[0];
      const version = (this.materialVersions.get(item) ?? 0) + 1;
      this.materialVersions.set(item, version);
      const file = demoFile(this.id, item, version);
      const uploadedAt = addMinutes(from, this.random.int(10, Math.max(11, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000) - 5)));
      this.rows.applicationMaterial.push({
        id: demoChildId(this.id, SCALED_KINDS.material, MATERIALS.indexOf(material) * 10 + version),
        applicationId: this.id,
        item,
        version,
        fileName: material.fileName,
        contentType: material.contentType,
        sizeBytes: file.content.length,
        sha256: file.sha256,
        content: file.content,
        uploadedBy: this.operator.subject,
        uploadedAt,
      });
    }
  }

  /** 提交: the facts frozen with the rule results of the measures in force that day. */
  private submit(at: Instant): boolean {
    if (at > this.asOf) return false;
    this.round += 1;
    const facts = declaredFacts(this.park, yearOf(this.createdAt));
    const measures = measuresOn(this.context.city, dayOfInstant(at));
    this.rows.applicationSubmission.push({
      id: demoChildId(this.id, SCALED_KINDS.submission, this.round),
      applicationId: this.id,
      round: this.round,
      facts,
      policyVersionCode: measures.code,
      eligibility: evaluateEligibility(facts, measures.parameters, dayOfInstant(at)),
      submittedAt: at,
      submittedBy: this.operator.subject,
    });
    this.submittedAt ??= at;
    this.transition('submit', 'COUNTY_REVIEW', this.operator, at);
    return true;
  }

  /** The park corrects what was returned (a new version of the named materials) and submits again. */
  private resubmit(): boolean {
    const correctedAt = actAfter(this.random, this.now, 4, 20);
    if (correctedAt > this.asOf) return false;
    this.uploadMaterials(this.returnedItems, this.now, correctedAt);
    return this.submit(correctedAt);
  }

  /** 初审 or 审核: pass, return with reasons (at most twice in all), or reject. */
  private review(stage: 'COUNTY_REVIEW' | 'CITY_REVIEW', actor: Actor, passAction: string, returnShare: number, rejectShare: number): 'PASS' | 'RETURN' | 'REJECT' | 'STOP' {
    const at = actAfter(this.random, this.now, 3, 15);
    if (at > this.asOf) return 'STOP';
    const draw = this.random.next();
    const decision = draw < rejectShare ? 'REJECT' : draw < rejectShare + returnShare && this.returns < 2 ? 'RETURN' : 'PASS';
    const reasons = decision === 'PASS' ? [] : decision === 'RETURN' ? this.random.shuffle(RETURN_REASONS).slice(0, this.random.int(1, 2)) : [this.random.pick(REJECT_REASONS.slice(0, 2))];
    const comment = decision === 'PASS' ? '材料齐全，符合要求' : null;
    this.rows.reviewDecision.push({
      id: demoChildId(this.id, SCALED_KINDS.review, this.decisions++),
      applicationId: this.id,
      stage,
      decision,
      reasons: decisionReasons(reasons),
      comment,
      decidedBy: actor.subject,
      decidedRole: actor.role,
      decidedAt: at,
    });
    const details = { decision, reasons: decisionReasons(reasons), comment };
    if (decision === 'PASS') this.transition(passAction, stage === 'COUNTY_REVIEW' ? 'CITY_REVIEW' : 'JOINT_EVALUATION', actor, at, null, details);
    else if (decision === 'RETURN') {
      this.returns += 1;
      this.returnedItems = reasons.map((reason) => reason.item);
      this.transition('returnForCorrection', 'RETURNED', actor, at, summary(reasons), details);
    } else this.transition('reject', 'REJECTED', actor, at, summary(reasons), details);
    return decision;
  }

  /** 联合评审: the panel, its opinions and scores, a site inspection, the qualitative findings, the conclusion. */
  private evaluate(): boolean {
    const random = this.random;
    const assignedAt = actAfter(random, this.now, 1, 4);
    const concludedAt = actAfter(random, assignedAt, 10, 25);
    if (concludedAt > this.asOf) return false;
    const members = random.shuffle(PANEL).slice(0, random.int(3, 5));
    const rejected = random.chance(0.08);
    const scores = members.map(() => Math.round((rejected ? random.around(55, 8, 40, 65) : random.around(70 + this.park.quality * 20, 6, 60, 98)) * 2) / 2);
    members.forEach((member, index) => {
      const submittedAt = actAfter(random, assignedAt, 3, 9);
      this.rows.applicationPanelMember.push({ applicationId: this.id, ...member, assignedBy: CITY_REVIEWER.subject, assignedAt });
      this.rows.panelEvaluation.push({ applicationId: this.id, subject: member.subject, opinion: scores[index] >= 60 ? '同意推荐认定' : '建议暂缓认定', score: score(scores[index]), submittedAt, updatedAt: submittedAt });
      this.rows.evaluationScoreChange.push({ applicationId: this.id, subject: member.subject, changedBy: member.subject, changedAt: submittedAt, scoreBefore: null, scoreAfter: score(scores[index]) });
    });
    const inspectedOn = dayOfInstant(actAfter(random, assignedAt, 2, 8));
    this.rows.siteInspection.push({
      id: demoChildId(this.id, SCALED_KINDS.inspection),
      applicationId: this.id,
      inspectedOn,
      inspectors: members.map((member) => member.name).join('、'),
      findings: `实地查看${this.park.sites.length}处园区场地，入驻机构${this.park.institutions.length}家，公共服务窗口运行正常`,
      conclusion: rejected ? '场地与申报情况存在差异' : '场地、入驻机构与申报情况一致',
      recordedBy: CITY_REVIEWER.subject,
      recordedAt: at(addDays(inspectedOn, 1), 10),
    });
    for (const criterion of CRITERIA) {
      this.rows.qualitativeFinding.push({ applicationId: this.id, ...criterion, satisfied: !rejected, recordedBy: CITY_REVIEWER.subject, recordedAt: addMinutes(concludedAt, -60) });
    }
    const average = scores.reduce((sum, value) => sum + value, 0) / scores.length;
    this.rows.evaluationConclusion.push({ id: demoChildId(this.id, SCALED_KINDS.conclusion), applicationId: this.id, concludedBy: CITY_REVIEWER.subject, concludedAt, averageScore: score(Math.round(average * 100) / 100), supersededAt: null });
    this.now = concludedAt;
    if (!rejected) return true;
    const reasons = [REJECT_REASONS[2]];
    const rejectedAt = actAfter(random, concludedAt, 1, 5);
    if (rejectedAt > this.asOf) return false;
    this.transition('reject', 'REJECTED', CITY_DIRECTOR, rejectedAt, summary(reasons), { decision: 'REJECT', reasons: decisionReasons(reasons), comment: null });
    return false;
  }

  /** 公示: the next monthly period; an objection now and then, dismissed (sometimes only after the end) or upheld. */
  private publicise(): boolean {
    const slot = this.publicity.after(dayOfInstant(this.now));
    // The history never leaves a period open: one that may not be settled by `asOf` is not entered.
    if (addDays(slot.endsOn, 12) > this.context.asOfDay) return false;
    this.usedPublicity.add(slot.id);
    this.transition('openPublicity', 'PUBLICITY', CITY_REVIEWER, at(slot.postedOn, 9, 30), null, { publicityId: slot.id });
    const objected = this.random.chance(0.04);
    if (!objected) return this.closeItem(slot, slot.closesAt, SYSTEM_SCHEDULER, null);
    const upheld = this.random.chance(0.2);
    const filedAt = officeTime(this.random, addDays(slot.postedOn, this.random.int(1, 4)));
    const resolvedLate = !upheld && this.random.chance(0.5);
    const resolvedAt = resolvedLate ? actAfter(this.random, slot.endsAt, 2, 6) : addMinutes(filedAt, this.random.int(60, 600));
    const objection = {
      id: demoChildId(this.id, SCALED_KINDS.objection),
      publicityId: slot.id,
      applicationId: this.id,
      filerName: personName(this.random),
      filerContact: fakeMobile(this.random.int(0, 9999)),
      reason: upheld ? '该园区部分入驻机构实际未在园区内经营，申报的入驻机构数量不实' : '园区周边交通拥堵，建议主管部门关注园区运营对周边的影响',
      sourceAddress: `10.${this.random.int(0, 255)}.${this.random.int(0, 255)}.${this.random.int(1, 254)}`,
      status: upheld ? ('UPHELD' as const) : ('DISMISSED' as const),
      resolution: upheld ? '经核实，异议反映情况属实，不予认定' : '经核实，异议反映的问题不属于认定条件范围，异议不成立',
      resolvedBy: CITY_DIRECTOR.subject,
      filedAt,
      resolvedAt,
    };
    this.rows.objection.push(objection);
    if (upheld) {
      this.transition('reject', 'REJECTED', CITY_DIRECTOR, resolvedAt, objection.resolution, { publicityId: slot.id, objectionId: objection.id });
      this.rows.publicityItem.push({ publicityId: slot.id, applicationId: this.id, outcome: 'REJECTED', decidedAt: resolvedAt, blockedNotifiedAt: null });
      this.publicity.settle(slot, resolvedAt);
      return false;
    }
    return resolvedLate ? this.closeItem(slot, resolvedAt, CITY_DIRECTOR, slot.closesAt) : this.closeItem(slot, slot.closesAt, SYSTEM_SCHEDULER, null);
  }

  private closeItem(slot: PublicitySlot, decidedAt: Instant, actor: Actor, blockedNotifiedAt: Instant | null): boolean {
    this.transition('closePublicity', 'AWAITING_APPROVAL', actor, decidedAt, null, { publicityId: slot.id });
    this.rows.publicityItem.push({ publicityId: slot.id, applicationId: this.id, outcome: 'AWAITING_APPROVAL', decidedAt, blockedNotifiedAt });
    this.publicity.settle(slot, decidedAt);
    return true;
  }

  /** 批复: the document number and day; the registry and funding act on the approval event. */
  private approve(): Recognition | null {
    const approvedAt = actAfter(this.random, this.now, 5, 25);
    if (approvedAt > this.asOf) return null;
    const approvedOn = dayOfInstant(approvedAt);
    const documentNo = `长人社发〔${yearOf(approvedOn)}〕${100 + this.park.index}号`;
    this.transition('approve', 'APPROVED', CITY_DIRECTOR, approvedAt, null, { approvalDocumentNo: documentNo, approvedOn });
    return { applicationId: this.id, approvedOn, approvedAt, documentNo, policyVersionCode: measuresOn(this.context.city, approvedOn).code, revenueYear: yearOf(this.createdAt) - 1 };
  }
}
