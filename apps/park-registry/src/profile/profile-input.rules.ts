import { BadUserInputError } from '@cz/errors';
import { type DeclaredInstitution, type DeclaredSite, parseFen, PUBLIC_SERVICE_FUNCTIONS, type PublicServiceFunction } from '@cz/policy';

/** A roster line as the registry keeps it: the declared institution and the year its revenue is for. */
export interface RosterLine extends DeclaredInstitution {
  revenueYear: number;
}

// Far above any real park, low enough that one request cannot flood the tables.
const MAX_SITES = 50;
const MAX_INSTITUTIONS = 1000;
const AREA = /^\d{1,9}(\.\d{1,2})?$/;
// GB 32100: digits and capitals without I, O, S, V and Z.
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const FIRST_REVENUE_YEAR = 2000;

function text(field: string, value: string, label: string, max: number): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') throw new BadUserInputError(field, `${label}不能为空`);
  if (CONTROL.test(trimmed)) throw new BadUserInputError(field, `${label}含有不允许的控制字符`);
  if (Array.from(trimmed).length > max) throw new BadUserInputError(field, `${label}不能超过 ${max} 个字符`, { max });
  return trimmed;
}

function limit(field: string, count: number, max: number, label: string): void {
  if (count > max) throw new BadUserInputError(field, `${label}最多 ${max} 条`, { max });
}

export function validateSite(field: string, site: DeclaredSite): DeclaredSite {
  const area = (site.buildingAreaM2 ?? '').trim();
  if (!AREA.test(area) || Number(area) <= 0) throw new BadUserInputError(`${field}.buildingAreaM2`, '建筑面积必须是大于 0 的数，最多两位小数（平方米）');
  return { name: text(`${field}.name`, site.name, '载体名称', 100), address: text(`${field}.address`, site.address, '载体地址', 200), buildingAreaM2: area, isCore: site.isCore === true };
}

/** A park's whole set of sites (Art 6(二)): each valid, and exactly one of them the core site. */
export function validateSites(field: string, sites: readonly DeclaredSite[]): DeclaredSite[] {
  limit(field, sites.length, MAX_SITES, '园区载体');
  const valid = sites.map((site, index) => validateSite(`${field}[${index}]`, site));
  const cores = valid.flatMap((site, index) => (site.isCore ? [index] : []));
  if (cores.length === 0) throw new BadUserInputError(field, '必须指定一个核心园区');
  if (cores.length > 1) throw new BadUserInputError(`${field}[${cores[1]}].isCore`, '只能有一个核心园区', { coreSites: cores });
  return valid;
}

export function validateInstitution(field: string, line: RosterLine, latestRevenueYear: number): RosterLine {
  const creditCode = (line.creditCode ?? '').trim().toUpperCase();
  if (!CREDIT_CODE.test(creditCode)) throw new BadUserInputError(`${field}.creditCode`, '统一社会信用代码必须是 18 位数字或大写字母（不含 I、O、S、V、Z）');
  if (line.licenceKind !== 'LICENCE' && line.licenceKind !== 'FILING') throw new BadUserInputError(`${field}.licenceKind`, '资质类型必须是许可证或备案凭证');
  if (line.licenceValidUntil !== null && line.licenceValidUntil !== undefined && !DATE.test(line.licenceValidUntil)) {
    throw new BadUserInputError(`${field}.licenceValidUntil`, '资质有效期格式必须是 YYYY-MM-DD');
  }
  if (!Number.isInteger(line.revenueYear) || line.revenueYear < FIRST_REVENUE_YEAR || line.revenueYear > latestRevenueYear) {
    throw new BadUserInputError(`${field}.revenueYear`, `营业收入所属年度必须在 ${FIRST_REVENUE_YEAR} 到 ${latestRevenueYear} 之间`);
  }
  return {
    name: text(`${field}.name`, line.name, '机构名称', 100),
    creditCode,
    licenceKind: line.licenceKind,
    licenceNo: text(`${field}.licenceNo`, line.licenceNo, '许可证号或备案凭证号', 100),
    licenceValidUntil: line.licenceValidUntil ?? null,
    operating: line.operating === true,
    revenueFen: parseFen(`${field}.revenueFen`, (line.revenueFen ?? '').trim()).toString(),
    revenueYear: line.revenueYear,
  };
}

/** A park's roster (Art 6(三)): every line valid, each institution listed once. */
export function validateInstitutions(field: string, lines: readonly RosterLine[], latestRevenueYear: number): RosterLine[] {
  limit(field, lines.length, MAX_INSTITUTIONS, '入驻机构');
  const valid = lines.map((line, index) => validateInstitution(`${field}[${index}]`, line, latestRevenueYear));
  const seen = new Map<string, number>();
  valid.forEach((line, index) => {
    const first = seen.get(line.creditCode);
    if (first !== undefined) throw new BadUserInputError(`${field}[${index}].creditCode`, `统一社会信用代码与第 ${first + 1} 条重复`, { duplicateOf: first });
    seen.set(line.creditCode, index);
  });
  return valid;
}

/** The public service functions of Art 6(四), each at most once, in the article's order. */
export function validatePublicServices(field: string, functions: readonly string[]): PublicServiceFunction[] {
  functions.forEach((value, index) => {
    if (!(PUBLIC_SERVICE_FUNCTIONS as readonly string[]).includes(value)) throw new BadUserInputError(`${field}[${index}]`, '公共服务功能无效');
  });
  return inArticleOrder(functions as PublicServiceFunction[]);
}

/** Art 6(四) lists the functions in this order; answers and audit rows follow it. */
export function inArticleOrder(functions: readonly PublicServiceFunction[]): PublicServiceFunction[] {
  return PUBLIC_SERVICE_FUNCTIONS.filter((known) => functions.includes(known));
}
