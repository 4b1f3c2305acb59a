/**
 * The facts a park declares in an application (Art 6, Art 7(一) 2 and 5), frozen at submission.
 * Areas are m² with two decimals and money is integer fen, both as decimal strings.
 */
export const PUBLIC_SERVICE_FUNCTIONS = ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'] as const;
export type PublicServiceFunction = (typeof PUBLIC_SERVICE_FUNCTIONS)[number];

export interface DeclaredSite {
  name: string;
  address: string;
  buildingAreaM2: string;
  /** Exactly one site of a park is its core site (核心园区). */
  isCore: boolean;
}

export interface DeclaredInstitution {
  name: string;
  /** 统一社会信用代码, 18 characters. */
  creditCode: string;
  /** 人力资源服务许可证 (LICENCE) or 备案凭证 (FILING). */
  licenceKind: 'LICENCE' | 'FILING';
  licenceNo: string;
  /** Last day the licence or filing is valid (YYYY-MM-DD); null when it does not expire. */
  licenceValidUntil: string | null;
  /** 经营性: only operating institutions count towards the revenue rules. */
  operating: boolean;
  /** Previous year's revenue including pass-through payments (营业收入含代收代付), integer fen. */
  revenueFen: string;
}

export interface DeclaredFacts {
  /** The year whose revenue is declared (the year before the application). */
  revenueYear: number;
  sites: DeclaredSite[];
  institutions: DeclaredInstitution[];
  publicServices: PublicServiceFunction[];
  /** Written justification when there are more than three sub-parks (Art 6(二) 原则上). */
  subParkJustification: string | null;
}
