import type { Role } from './roles';

/**
 * How far a role reaches for one operation:
 * ALL — the whole city; OWN_COUNTY — parks of the identity's county; OWN_PARK — the identity's park;
 * ASSIGNED — items the identity is assigned to (review panel). A role absent from a rule has no access.
 */
export type Scope = 'ALL' | 'OWN_COUNTY' | 'OWN_PARK' | 'ASSIGNED';
export type Rule = Readonly<Partial<Record<Role, Scope>>>;

/**
 * The one declared access policy (role × operation × jurisdiction). Guards read only this table,
 * so what a role may do is reviewed here and nowhere else.
 */
export const ACCESS_POLICY = {
  /** Reference data: counties and development zones. */
  'county.read': { PUBLIC: 'ALL', CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  'park.read': { CITY_BUREAU: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', REVIEWER: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  /** Art 17: contact person and phone are personal information. */
  'park.contact.read': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  'park.register': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY' },
  'park.update': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  /** Moving a park to another county changes who manages it (Art 14): city bureau only. */
  'park.relocate': { CITY_BUREAU: 'ALL' },
  'application.read': { CITY_BUREAU: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK', REVIEWER: 'ASSIGNED' },
  /** The data team sees funding only as aggregates (issue 4), never per park. */
  'funding.read': { CITY_BUREAU: 'ALL', FINANCE: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  'assessment.read': { CITY_BUREAU: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK', REVIEWER: 'ASSIGNED' },
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof ACCESS_POLICY;

export function scopeOf(role: Role, operation: Operation): Scope | undefined {
  return (ACCESS_POLICY[operation] as Rule)[role];
}
