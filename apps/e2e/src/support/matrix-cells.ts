import { type AccessCoordinate, can, type CoordinateAccess, type Identity, listFilter, type Operation, ROLES, type Role, SCHEMA_ACCESS, type Target } from '@cz/auth';

/**
 * The cells of the access matrix and what each should answer, computed from ACCESS_POLICY (through
 * can/listFilter) and SCHEMA_ACCESS, never written down per cell. Pure: the e2e spec runs the
 * probes and compares.
 */

/** A cell's caller either holds the target's jurisdiction (own county / own park / assigned) or another one. */
export type Jurisdiction = 'own' | 'other';
export const JURISDICTIONS: readonly Jurisdiction[] = ['own', 'other'];

/**
 * What a probe saw. ALLOWED: the guard let the caller through (data, or a domain refusal the probe
 * provokes on purpose); HIDDEN: allowed, but the target is not among what the caller sees;
 * WHOLE/MASKED: a personal-data value as it came back; FORBIDDEN/UNAUTHENTICATED: refused.
 * Anything else (another error code, a malformed answer) is a broken probe and always a mismatch.
 */
export type Outcome = 'ALLOWED' | 'HIDDEN' | 'WHOLE' | 'MASKED' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/** The reviewer subject every assigned fixture has on its panel; the other reviewer is on none. */
export const ASSIGNED_REVIEWER = 'matrix-reviewer-assigned';
const UNASSIGNED_REVIEWER = 'matrix-reviewer-unassigned';

export interface Jurisdictions {
  /** A county other than the target's, and a park other than the target's (with its county). */
  otherCounty: (countyCode: string) => string;
  otherPark: (parkId: string) => string;
  /** For target-less operations: whose jurisdiction "own" stands for. */
  home: Target;
}

/**
 * The caller of a cell. PUBLIC has no token (null); roles without jurisdiction differ between own
 * and other only by subject, which is what addressed notifications and panels tell apart.
 */
export function cellIdentity(role: Role, jurisdiction: Jurisdiction, target: Target | undefined, places: Jurisdictions): Identity | null {
  const aim = target ?? places.home;
  const own = jurisdiction === 'own';
  switch (role) {
    case 'PUBLIC':
      return null;
    case 'COUNTY_BUREAU': {
      const countyCode = own ? aim.countyCode : places.otherCounty(aim.countyCode);
      return { subject: `matrix-county-${countyCode}`, role, countyCode };
    }
    case 'PARK_OPERATOR': {
      const parkId = own ? aim.parkId || places.home.parkId : places.otherPark(aim.parkId || places.home.parkId);
      return { subject: `matrix-operator-${parkId.slice(-4)}`, role, parkId };
    }
    case 'REVIEWER':
      return { subject: own ? ASSIGNED_REVIEWER : UNASSIGNED_REVIEWER, role, name: own ? '被指派的评审专家' : '未被指派的评审专家' };
    default:
      return { subject: `matrix-${role.toLowerCase()}-${jurisdiction}`, role };
  }
}

const denial = (role: Role): Outcome => (role === 'PUBLIC' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
const asIdentity = (role: Role, identity: Identity | null): Identity => identity ?? { subject: 'anonymous', role };
const accessOf = (coordinate: AccessCoordinate): CoordinateAccess => SCHEMA_ACCESS[coordinate] as CoordinateAccess;

export function operationsOf(access: CoordinateAccess): Operation[] {
  return 'guard' in access ? [access.guard].flat() : [];
}

/**
 * What the coordinate should answer to this caller about this target, as SCHEMA_ACCESS states the
 * code's behaviour: items are refused outside reach; lists hold only rows within reach (refused
 * only for a caller with no reach at all); a park's records are refused outside reach and empty
 * for a reviewer (assigned item by item, never by park); masked fields are whole only for `whole`.
 */
export function expectedOutcome(coordinate: AccessCoordinate, role: Role, jurisdiction: Jurisdiction, identity: Identity | null, target: Target | undefined): Outcome {
  const access = accessOf(coordinate);
  const caller = asIdentity(role, identity);
  if ('inherits' in access) {
    const parent = expectedOutcome(access.inherits as AccessCoordinate, role, jurisdiction, identity, target);
    // No masking of its own: whoever may read the parent reads the value as stored.
    return parent === 'ALLOWED' ? 'WHOLE' : parent;
  }
  if ('masked' in access) return access.whole !== null && can(caller, access.whole, target) ? 'WHOLE' : 'MASKED';
  const operations = operationsOf(access);
  const shape = access.shape ?? 'item';
  const noReach = operations.some((operation) => listFilter(caller, operation).kind === 'none');
  if (shape === 'list' || shape === 'park-records') {
    if (noReach) return access.whenDenied === 'empty' ? 'HIDDEN' : denial(role);
    if (shape === 'park-records' && operations.some((operation) => listFilter(caller, operation).kind === 'assigned')) return 'HIDDEN';
  }
  const reaches = operations.every((operation) => can(caller, operation, target));
  if (reaches) return access.addressedOnly && jurisdiction === 'other' ? 'HIDDEN' : 'ALLOWED';
  return shape === 'list' ? 'HIDDEN' : denial(role);
}

/** A probe reaching a field through a parent: the parent's refusal (or hiding) comes first. */
export function expectedThrough(parent: AccessCoordinate | undefined, coordinate: AccessCoordinate, role: Role, jurisdiction: Jurisdiction, identity: Identity | null, target: Target | undefined): Outcome {
  if (parent) {
    const first = expectedThrough(undefined, parent, role, jurisdiction, identity, target);
    if (first !== 'ALLOWED') return first;
  }
  return expectedOutcome(coordinate, role, jurisdiction, identity, target);
}

/** Rows a list returned that the caller should not see (for a list coordinate's first operation). */
export function leakedRows(coordinate: AccessCoordinate, identity: Identity | null, role: Role, rows: ReadonlyArray<{ id: string; target: Target }>): string[] {
  const operations = operationsOf(accessOf(coordinate));
  const caller = asIdentity(role, identity);
  return rows.filter((row) => !operations.every((operation) => can(caller, operation, row.target))).map((row) => row.id);
}

export interface CellResult {
  coordinate: AccessCoordinate;
  role: Role;
  jurisdiction: Jurisdiction;
  expected: Outcome;
  actual: string;
}

/** The readable failure: one line per mismatch, aligned, so a reviewer sees at once who got what. */
export function mismatchTable(results: readonly CellResult[]): string {
  const rows = results.filter((result) => result.actual !== result.expected);
  if (rows.length === 0) return '';
  const header = ['coordinate', 'role', 'jurisdiction', 'expected', 'actual'];
  const cells = rows.map((row) => [row.coordinate, row.role, row.jurisdiction, row.expected, row.actual]);
  const widths = header.map((title, index) => Math.max(title.length, ...cells.map((cell) => cell[index].length)));
  const line = (cell: string[]) => cell.map((value, index) => value.padEnd(widths[index])).join('  ').trimEnd();
  return [`${rows.length} of ${results.length} cells differ from the policy:`, line(header), ...cells.map(line)].join('\n');
}

export { ROLES };
