import { BadUserInputError } from '@cz/errors';
import { type DeclaredFacts, type DeclaredInstitution, type DeclaredSite, parseFen, PUBLIC_SERVICE_FUNCTIONS, type PublicServiceFunction } from '@cz/policy';

/** The facts as a client sends them (GraphQL has already checked the types and the enums). */
export interface DeclaredFactsInput {
  revenueYear: number;
  sites: ReadonlyArray<DeclaredSite>;
  institutions: ReadonlyArray<Omit<DeclaredInstitution, 'licenceValidUntil'> & { licenceValidUntil?: string | null }>;
  publicServices: ReadonlyArray<PublicServiceFunction>;
  subParkJustification?: string | null;
}

// Far above any park (a core site plus a few sub-parks, a few hundred institutions), low enough
// that one request cannot make the service judge an unbounded list.
const MAX_SITES = 20;
const MAX_INSTITUTIONS = 1000;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const AREA = /^\d{1,9}(\.\d{1,2})?$/;
// GB 32100-2015: 18 characters from digits and capitals without I, O, S, V, Z.
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

function text(path: string, value: string, label: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (CONTROL.test(trimmed)) throw new BadUserInputError(path, `${label}含有不允许的控制字符`);
  const length = Array.from(trimmed).length;
  if (length < min || length > max) throw new BadUserInputError(path, `${label}长度必须在 ${min} 到 ${max} 个字符之间`, { min, max });
  return trimmed;
}

function area(path: string, value: string): string {
  const trimmed = value.trim();
  if (!AREA.test(trimmed) || !/[1-9]/.test(trimmed)) throw new BadUserInputError(path, '建筑面积必须是大于 0 的数，最多两位小数（平方米）');
  return trimmed;
}

function site(path: string, input: DeclaredSite): DeclaredSite {
  return {
    name: text(`${path}.name`, input.name, '园区（分园区）名称', 2, 100),
    address: text(`${path}.address`, input.address, '园区地址', 2, 200),
    buildingAreaM2: area(`${path}.buildingAreaM2`, input.buildingAreaM2),
    isCore: input.isCore,
  };
}

function institution(path: string, input: DeclaredFactsInput['institutions'][number]): DeclaredInstitution {
  const creditCode = input.creditCode.trim().toUpperCase();
  if (!CREDIT_CODE.test(creditCode)) throw new BadUserInputError(`${path}.creditCode`, '统一社会信用代码必须是 18 位（数字和大写字母）');
  const revenueFen = input.revenueFen.trim();
  parseFen(`${path}.revenueFen`, revenueFen);
  return {
    name: text(`${path}.name`, input.name, '机构名称', 2, 100),
    creditCode,
    licenceKind: input.licenceKind,
    licenceNo: text(`${path}.licenceNo`, input.licenceNo, '许可证或备案凭证编号', 1, 64),
    licenceValidUntil: input.licenceValidUntil ?? null,
    operating: input.operating,
    revenueFen: BigInt(revenueFen).toString(),
  };
}

/**
 * Checks the declared facts of an application for `applicationYear` and returns them normalised.
 * Only form mistakes are refused here (each naming its path, e.g. `facts.institutions[2].revenueFen`);
 * whether the park meets Art 6 is for the eligibility rules to say, so an ineligible park can still apply.
 */
export function validateDeclaredFacts(input: DeclaredFactsInput, applicationYear: number, root = 'facts'): DeclaredFacts {
  if (input.revenueYear !== applicationYear - 1) {
    throw new BadUserInputError(`${root}.revenueYear`, `营业收入应为上一年度（${applicationYear - 1} 年）的数据`, { expected: applicationYear - 1 });
  }
  if (input.sites.length === 0 || input.sites.length > MAX_SITES) throw new BadUserInputError(`${root}.sites`, `园区场地须填写 1 到 ${MAX_SITES} 处`, { max: MAX_SITES });
  const sites = input.sites.map((entry, index) => site(`${root}.sites[${index}]`, entry));
  if (sites.filter((entry) => entry.isCore).length !== 1) throw new BadUserInputError(`${root}.sites`, '必须且只能有一处核心园区（isCore）');
  if (input.institutions.length > MAX_INSTITUTIONS) throw new BadUserInputError(`${root}.institutions`, `入驻机构最多填写 ${MAX_INSTITUTIONS} 家`, { max: MAX_INSTITUTIONS });
  const seen = new Set<string>();
  const institutions = input.institutions.map((entry, index) => {
    const path = `${root}.institutions[${index}]`;
    const normalised = institution(path, entry);
    if (seen.has(normalised.creditCode)) throw new BadUserInputError(`${path}.creditCode`, '同一机构（统一社会信用代码）重复填写');
    seen.add(normalised.creditCode);
    return normalised;
  });
  const justification = input.subParkJustification?.trim() ? text(`${root}.subParkJustification`, input.subParkJustification, '分园区超过规定数量的说明', 1, 2000) : null;
  return {
    revenueYear: input.revenueYear,
    sites,
    institutions,
    // In the order of Art 6(三), once each, whatever order the form sent.
    publicServices: PUBLIC_SERVICE_FUNCTIONS.filter((service) => input.publicServices.includes(service)),
    subParkJustification: justification,
  };
}
