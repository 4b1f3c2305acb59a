import { BadUserInputError } from '@cz/errors';
import { positiveArea } from './area';
import { type DeclaredFacts, type DeclaredInstitution, type DeclaredSite, PUBLIC_SERVICE_FUNCTIONS, type PublicServiceFunction } from './declared-facts';
import { creditCode, isoDate, text } from './input.rules';
import { parseFen } from './money';

/**
 * The ONE check of declared facts: the applications service runs it when a park declares, and the
 * registry runs it again when the approved facts arrive, so an approved application always applies.
 * It refuses form mistakes only; whether a park meets Art 6 is for the eligibility rules to say.
 * Checks that depend on the caller's context (which year the revenue must be for) stay with the caller.
 */

// Far above any park (a core site plus a few sub-parks, a few hundred institutions), low enough
// that one request cannot make a service judge or write an unbounded list.
export const MAX_SITES = 20;
export const MAX_INSTITUTIONS = 1000;
// GB 32100-2015: 18 characters from digits and capitals without I, O, S, V and Z.
const LICENCE_KINDS: ReadonlyArray<DeclaredInstitution['licenceKind']> = ['LICENCE', 'FILING'];

/** An institution as a form sends it: a licence that does not expire may leave its end out. */
export type DeclaredInstitutionInput = Omit<DeclaredInstitution, 'licenceValidUntil'> & { licenceValidUntil?: string | null };

/** The facts as a client or an event carries them, before they are checked. */
export interface DeclaredFactsInput {
  revenueYear: number;
  sites: readonly DeclaredSite[];
  institutions: readonly DeclaredInstitutionInput[];
  publicServices: readonly string[];
  subParkJustification?: string | null;
}

const trimmed = (value: string | null | undefined) => (typeof value === 'string' ? value.trim() : '');

/** `path` names the site in errors, e.g. `facts.sites[2]` (its fields follow: `facts.sites[2].buildingAreaM2`). */
export function validateSite(site: DeclaredSite, path: string): DeclaredSite {
  return {
    name: text(`${path}.name`, site.name, '园区（分园区）名称', { min: 2, max: 100 }),
    address: text(`${path}.address`, site.address, '园区地址', { min: 2, max: 200 }),
    buildingAreaM2: positiveArea(`${path}.buildingAreaM2`, trimmed(site.buildingAreaM2)),
    isCore: site.isCore === true,
  };
}

/** A park's whole set of sites (Art 6(二)): 1 to MAX_SITES, each valid, exactly one of them the core site. */
export function validateSites(sites: readonly DeclaredSite[], path: string): DeclaredSite[] {
  if (sites.length === 0 || sites.length > MAX_SITES) throw new BadUserInputError(path, `园区场地须填写 1 到 ${MAX_SITES} 处`, { max: MAX_SITES });
  const valid = sites.map((site, index) => validateSite(site, `${path}[${index}]`));
  const cores = valid.flatMap((site, index) => (site.isCore ? [index] : []));
  if (cores.length === 0) throw new BadUserInputError(path, '必须指定一处核心园区（isCore）');
  if (cores.length > 1) throw new BadUserInputError(`${path}[${cores[1]}].isCore`, '只能有一处核心园区', { coreSites: cores });
  return valid;
}

export function validateInstitution(institution: DeclaredInstitutionInput, path: string): DeclaredInstitution {
  const name = text(`${path}.name`, institution.name, '机构名称', { min: 2, max: 100 });
  const code = creditCode(`${path}.creditCode`, trimmed(institution.creditCode));
  if (!LICENCE_KINDS.includes(institution.licenceKind)) throw new BadUserInputError(`${path}.licenceKind`, '资质类型必须是许可证或备案凭证');
  const validUntil = institution.licenceValidUntil ?? null;
  return {
    name,
    creditCode: code,
    licenceKind: institution.licenceKind,
    licenceNo: text(`${path}.licenceNo`, institution.licenceNo, '许可证或备案凭证编号', { min: 1, max: 64 }),
    licenceValidUntil: validUntil === null ? null : isoDate(`${path}.licenceValidUntil`, validUntil, '资质有效期'),
    operating: institution.operating === true,
    revenueFen: parseFen(`${path}.revenueFen`, trimmed(institution.revenueFen)).toString(),
  };
}

/** A park's roster (Art 6(三)): at most MAX_INSTITUTIONS lines, each valid, each institution listed once. */
export function validateInstitutions(institutions: readonly DeclaredInstitutionInput[], path: string): DeclaredInstitution[] {
  if (institutions.length > MAX_INSTITUTIONS) throw new BadUserInputError(path, `入驻机构最多填写 ${MAX_INSTITUTIONS} 家`, { max: MAX_INSTITUTIONS });
  const lineOf = new Map<string, number>();
  return institutions.map((institution, index) => {
    const valid = validateInstitution(institution, `${path}[${index}]`);
    const first = lineOf.get(valid.creditCode);
    if (first !== undefined) throw new BadUserInputError(`${path}[${index}].creditCode`, `统一社会信用代码与第 ${first + 1} 条重复`, { duplicateOf: first });
    lineOf.set(valid.creditCode, index);
    return valid;
  });
}

/** Art 6(四) lists the functions in this order; answers and audit rows follow it. */
export function inArticleOrder(functions: readonly PublicServiceFunction[]): PublicServiceFunction[] {
  return PUBLIC_SERVICE_FUNCTIONS.filter((known) => functions.includes(known));
}

/** The public service functions of Art 6(四): each known, kept once, in the article's order. */
export function validatePublicServices(functions: readonly string[], path: string): PublicServiceFunction[] {
  functions.forEach((value, index) => {
    if (!(PUBLIC_SERVICE_FUNCTIONS as readonly string[]).includes(value)) throw new BadUserInputError(`${path}[${index}]`, '公共服务功能无效', { value });
  });
  return inArticleOrder(functions as readonly PublicServiceFunction[]);
}

/**
 * Checks declared facts and returns them normalised (trimmed texts, upper-case credit codes,
 * canonical fen). Errors name the path below `pathPrefix`, e.g. `facts.institutions[2].revenueFen`.
 */
export function validateDeclaredFacts(facts: DeclaredFactsInput, { pathPrefix }: { pathPrefix: string }): DeclaredFacts {
  const at = (name: string) => (pathPrefix ? `${pathPrefix}.${name}` : name);
  const justification = facts.subParkJustification;
  return {
    revenueYear: facts.revenueYear,
    sites: validateSites(facts.sites, at('sites')),
    institutions: validateInstitutions(facts.institutions, at('institutions')),
    publicServices: validatePublicServices(facts.publicServices, at('publicServices')),
    subParkJustification: trimmed(justification) ? text(at('subParkJustification'), justification as string, '分园区超过规定数量的说明', { min: 1, max: 2000, multiline: true }) : null,
  };
}
