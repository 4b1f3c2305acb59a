/** The actors of DESIGN.md §1. PUBLIC is anyone without a token; SYSTEM is the scheduled jobs. */
export const ROLES = [
  'CITY_BUREAU',
  'COUNTY_BUREAU',
  'PARK_OPERATOR',
  'REVIEWER',
  'FINANCE',
  'DATA_TEAM',
  'PUBLIC',
  'SYSTEM',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person can hold in a token; PUBLIC and SYSTEM are never minted for people. */
export const USER_ROLES = ROLES.filter((role): role is Exclude<Role, 'PUBLIC' | 'SYSTEM'> => role !== 'PUBLIC' && role !== 'SYSTEM');

/** Who is calling and over what they have jurisdiction. */
export interface Identity {
  /** Stable user id (JWT `sub`). */
  subject: string;
  role: Role;
  /** County or development-zone code (GB/T 2260) for COUNTY_BUREAU. */
  countyCode?: string;
  /** The park a PARK_OPERATOR acts for. */
  parkId?: string;
  /** Display name, for audit rows and notifications. */
  name?: string;
  /** The client's network address as the gateway saw it (audit, rate limits of public endpoints). */
  sourceAddress?: string;
}

export const ANONYMOUS: Identity = Object.freeze({ subject: 'anonymous', role: 'PUBLIC' });
export const SYSTEM_IDENTITY: Identity = Object.freeze({ subject: 'system:scheduler', role: 'SYSTEM', name: '系统定时任务' });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A role's jurisdiction must be present: a county officer without a county could see nothing or everything. */
export function jurisdictionProblem(identity: Pick<Identity, 'role' | 'countyCode' | 'parkId'>): string | undefined {
  if (identity.role === 'COUNTY_BUREAU' && !identity.countyCode) return 'COUNTY_BUREAU 需要县区代码 (county)';
  if (identity.role === 'PARK_OPERATOR' && !identity.parkId) return 'PARK_OPERATOR 需要园区 ID (park)';
  return undefined;
}
