import { formatArea, parseAreaHundredths } from './area';
import type { DeclaredFacts, DeclaredInstitution, PublicServiceFunction } from './declared-facts';
import { isoDate } from './input.rules';
import { formatYuan, parseFen } from './money';
import { type EligibilityThresholds, parseEligibilityThresholds } from './policy-parameters.rules';
import type { PolicyParameters } from './policy-version';

export { formatArea, parseAreaHundredths } from './area';
export { parseEligibilityThresholds, validatePolicyParameters, type EligibilityThresholds } from './policy-parameters.rules';

export type RuleOutcome = 'PASS' | 'FAIL' | 'NEEDS_JUSTIFICATION';
export type EligibilityRule = 'SITE_AREA' | 'SUB_PARK_COUNT' | 'INSTITUTION_COUNT' | 'INSTITUTION_LICENCES' | 'REVENUE' | 'PUBLIC_SERVICES';

/** One Art 6 rule's verdict with the figures that decided it, so a reviewer can see why. */
export interface RuleResult {
  rule: EligibilityRule;
  /** e.g. 第六条第（二）项 */
  article: string;
  outcome: RuleOutcome;
  /** Named figures as decimal strings (areas m², money fen, counts). */
  figures: Record<string, string>;
  /** A sentence in Chinese for the reviewer and the applicant. */
  explanation: string;
}

const INFRASTRUCTURE = '第六条第（二）项';
const CLUSTERING = '第六条第（三）项';

export const PUBLIC_SERVICE_NAMES: Record<PublicServiceFunction, string> = {
  EMPLOYMENT_ENTREPRENEURSHIP: '就业创业',
  VOCATIONAL_TRAINING: '职业培训',
  SOCIAL_SECURITY: '社会保障',
  PERSONNEL_TALENT: '人事人才',
};

const m2 = (hundredths: bigint) => `${formatArea(hundredths)} 平方米`;
const yuan = (fen: bigint) => `${formatYuan(fen)} 元`;
const verdict = (ok: boolean): RuleOutcome => (ok ? 'PASS' : 'FAIL');

/** Every figure is parsed before any rule runs, so malformed facts never yield a partial verdict. */
interface ExactFacts {
  areas: bigint[];
  revenues: bigint[];
}

function exactFacts(facts: DeclaredFacts): ExactFacts {
  facts.institutions.forEach((institution, index) => {
    if (institution.licenceValidUntil !== null && institution.licenceValidUntil !== undefined) isoDate(`facts.institutions[${index}].licenceValidUntil`, institution.licenceValidUntil, '资质有效期');
  });
  return {
    areas: facts.sites.map((site, index) => parseAreaHundredths(`facts.sites[${index}].buildingAreaM2`, site.buildingAreaM2)),
    revenues: facts.institutions.map((institution, index) => parseFen(`facts.institutions[${index}].revenueFen`, institution.revenueFen)),
  };
}

function siteArea(facts: DeclaredFacts, areas: bigint[], t: EligibilityThresholds): RuleResult {
  const cores = facts.sites.flatMap((site, index) => (site.isCore ? [index] : []));
  const total = areas.reduce((sum, area) => sum + area, 0n);
  const figures: Record<string, string> = { siteCount: String(areas.length), coreSiteCount: String(cores.length), totalAreaM2: formatArea(total) };
  const result = (outcome: RuleOutcome, explanation: string): RuleResult => ({ rule: 'SITE_AREA', article: INFRASTRUCTURE, outcome, figures, explanation });
  if (cores.length !== 1) {
    return result('FAIL', `申报了 ${areas.length} 个园区场地，其中核心园区 ${cores.length} 个；须有且只有一个核心园区，才能判断面积是否达标。`);
  }
  const core = areas[cores[0]];
  if (areas.length === 1) {
    Object.assign(figures, { singleSiteAreaM2: formatArea(core), singleSiteMinAreaM2: formatArea(t.singleSiteMinArea) });
    const ok = core >= t.singleSiteMinArea;
    return result(verdict(ok), `只设立一个园区，建筑面积 ${m2(core)}，${ok ? '达到' : '未达到'}不少于 ${m2(t.singleSiteMinArea)} 的要求。`);
  }
  Object.assign(figures, { coreSiteAreaM2: formatArea(core), coreSiteMinAreaM2: formatArea(t.coreSiteMinArea), totalMinAreaM2: formatArea(t.totalMinArea) });
  const coreOk = core >= t.coreSiteMinArea;
  const totalOk = total >= t.totalMinArea;
  return result(
    verdict(coreOk && totalOk),
    `设立 ${areas.length} 个园区：核心园区面积 ${m2(core)}，${coreOk ? '达到' : '未达到'}不少于 ${m2(t.coreSiteMinArea)} 的要求；园区总面积 ${m2(total)}，${totalOk ? '达到' : '未达到'}不少于 ${m2(t.totalMinArea)} 的要求。`,
  );
}

function subParkCount(facts: DeclaredFacts, t: EligibilityThresholds): RuleResult {
  const subParks = Math.max(facts.sites.length - 1, 0);
  const justified = (facts.subParkJustification ?? '').trim() !== '';
  const figures = { subParkCount: String(subParks), maxSubParks: String(t.maxSubParks) };
  if (subParks <= t.maxSubParks) {
    return { rule: 'SUB_PARK_COUNT', article: INFRASTRUCTURE, outcome: 'PASS', figures, explanation: `分园区 ${subParks} 个，未超过原则上不超过 ${t.maxSubParks} 个的要求。` };
  }
  // 原则上不超过: an exception the city bureau may accept, never an automatic failure.
  const justification = justified ? '已提交书面说明，须经市人社局审核认可' : '未提交书面说明，须补充说明并经市人社局审核认可';
  return { rule: 'SUB_PARK_COUNT', article: INFRASTRUCTURE, outcome: 'NEEDS_JUSTIFICATION', figures, explanation: `分园区 ${subParks} 个，超过原则上不超过 ${t.maxSubParks} 个的要求；${justification}。` };
}

function institutionCount(facts: DeclaredFacts, t: EligibilityThresholds): RuleResult {
  const count = facts.institutions.length;
  const ok = count >= t.minInstitutions;
  return {
    rule: 'INSTITUTION_COUNT',
    article: CLUSTERING,
    outcome: verdict(ok),
    figures: { institutionCount: String(count), minInstitutions: String(t.minInstitutions) },
    explanation: `入驻人力资源服务机构 ${count} 家，${ok ? '达到' : '未达到'}不少于 ${t.minInstitutions} 家的要求。`,
  };
}

function licenceFault(institution: DeclaredInstitution, asOf: string): string | undefined {
  if ((institution.licenceNo ?? '').trim() === '') return '未填写许可证/备案凭证编号';
  if (institution.licenceValidUntil && institution.licenceValidUntil < asOf) return `许可证/备案凭证已于 ${institution.licenceValidUntil} 到期`;
  return undefined;
}

function institutionLicences(facts: DeclaredFacts, asOf: string): RuleResult {
  const faults = facts.institutions.flatMap((institution) => {
    const fault = licenceFault(institution, asOf);
    return fault ? [`${institution.name}（${fault}）`] : [];
  });
  const figures = { institutionCount: String(facts.institutions.length), institutionsAtFault: String(faults.length), asOf };
  const explanation =
    faults.length === 0
      ? `全部 ${facts.institutions.length} 家入驻机构在 ${asOf} 持有有效的人力资源服务许可证或备案凭证。`
      : `${faults.length} 家入驻机构在 ${asOf} 没有有效的人力资源服务许可证或备案凭证：${faults.join('；')}。`;
  return { rule: 'INSTITUTION_LICENCES', article: CLUSTERING, outcome: verdict(faults.length === 0), figures, explanation };
}

function revenue(facts: DeclaredFacts, revenues: bigint[], t: EligibilityThresholds): RuleResult {
  // Only operating (经营性) institutions count towards Art 6(三)'s revenue test.
  const operating = revenues.filter((_, index) => facts.institutions[index].operating);
  const total = operating.reduce((sum, fen) => sum + fen, 0n);
  const totalOk = total >= t.revenueTotalMin;
  const figures: Record<string, string> = { operatingInstitutions: String(operating.length), revenueTotalFen: total.toString(), revenueTotalMinFen: t.revenueTotalMin.toString() };
  const parts = [`经营性机构 ${operating.length} 家，上一年度营业收入（含代收代付）合计 ${yuan(total)}（达 ${yuan(t.revenueTotalMin)} 以上即可）`];
  let tierOk = false;
  t.revenueTiers.forEach((tier, index) => {
    // 超过 excludes the threshold itself: an institution exactly at it does not count.
    const above = operating.filter((fen) => fen > tier.exceeds).length;
    tierOk ||= above >= tier.count;
    const name = `tier${index + 1}`;
    Object.assign(figures, { [`${name}ExceedsFen`]: tier.exceeds.toString(), [`${name}RequiredCount`]: String(tier.count), [`${name}Count`]: String(above) });
    parts.push(`营业收入超过 ${yuan(tier.exceeds)} 的机构 ${above} 家（不少于 ${tier.count} 家即可）`);
  });
  const ok = totalOk || tierOk;
  return { rule: 'REVENUE', article: CLUSTERING, outcome: verdict(ok), figures, explanation: `${parts.join('；')}。${ok ? '满足其中至少一项条件。' : '以上条件均未满足。'}` };
}

function publicServices(facts: DeclaredFacts, t: EligibilityThresholds): RuleResult {
  const missing = t.requiredPublicServices.filter((service) => !facts.publicServices.includes(service));
  const names = (services: PublicServiceFunction[]) => services.map((service) => PUBLIC_SERVICE_NAMES[service]).join('、');
  return {
    rule: 'PUBLIC_SERVICES',
    article: CLUSTERING,
    outcome: verdict(missing.length === 0),
    figures: { requiredCount: String(t.requiredPublicServices.length), missingCount: String(missing.length) },
    explanation:
      missing.length > 0 ? `缺少${names(missing)}公共服务功能。` : t.requiredPublicServices.length > 0 ? `具备${names(t.requiredPublicServices)}等公共服务功能。` : '本政策版本未要求特定的公共服务功能。',
  };
}

/**
 * Evaluates the quantitative Art 6 rules on the facts frozen at submission. `asOf` (YYYY-MM-DD)
 * is the submission date, against which licence validity is judged. Thresholds come from the
 * policy version's parameters (Art 22), never from constants here.
 */
export function evaluateEligibility(facts: DeclaredFacts, parameters: PolicyParameters, asOf: string): RuleResult[] {
  const day = isoDate('asOf', asOf, '评估日期');
  const thresholds = parseEligibilityThresholds(parameters);
  const { areas, revenues } = exactFacts(facts);
  return [
    siteArea(facts, areas, thresholds),
    subParkCount(facts, thresholds),
    institutionCount(facts, thresholds),
    institutionLicences(facts, day),
    revenue(facts, revenues, thresholds),
    publicServices(facts, thresholds),
  ];
}
