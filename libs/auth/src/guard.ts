import { ForbiddenError, UnauthenticatedError } from '@cz/errors';
import { type Operation, scopeOf } from './access-policy';
import type { Identity } from './roles';

/** What an operation is aimed at: every park-owned record knows its park and that park's county. */
export interface Target {
  parkId: string;
  countyCode: string;
  /** Subjects assigned to review this item (REVIEWER's ASSIGNED scope). */
  assignedSubjects?: readonly string[];
}

/** The rows an identity may see for a list, in a form a repository turns into a WHERE clause. */
export type ListFilter =
  | { kind: 'all' }
  | { kind: 'county'; countyCode: string }
  | { kind: 'park'; parkId: string }
  | { kind: 'assigned'; subject: string }
  | { kind: 'none' };

export function can(identity: Identity, operation: Operation, target?: Target): boolean {
  const scope = scopeOf(identity.role, operation);
  switch (scope) {
    case undefined:
      return false;
    case 'ALL':
      return true;
    case 'OWN_COUNTY':
      return target !== undefined && identity.countyCode !== undefined && target.countyCode === identity.countyCode;
    case 'OWN_PARK':
      return target !== undefined && identity.parkId !== undefined && target.parkId === identity.parkId;
    case 'ASSIGNED':
      return target?.assignedSubjects?.includes(identity.subject) ?? false;
  }
}

/** The one guard: resolvers and `__resolveReference` both call it before returning or changing data. */
export function authorize(identity: Identity, operation: Operation, target?: Target): void {
  if (can(identity, operation, target)) return;
  throw denial(identity, operation);
}

/** For list queries: which rows this identity may see, or a denial when it may see none at all. */
export function listFilter(identity: Identity, operation: Operation): ListFilter {
  const scope = scopeOf(identity.role, operation);
  switch (scope) {
    case undefined:
      return { kind: 'none' };
    case 'ALL':
      return { kind: 'all' };
    case 'OWN_COUNTY':
      return identity.countyCode ? { kind: 'county', countyCode: identity.countyCode } : { kind: 'none' };
    case 'OWN_PARK':
      return identity.parkId ? { kind: 'park', parkId: identity.parkId } : { kind: 'none' };
    case 'ASSIGNED':
      return { kind: 'assigned', subject: identity.subject };
  }
}

/** Like listFilter, but an identity with no access at all gets an error rather than an empty list. */
export function requireListFilter(identity: Identity, operation: Operation): Exclude<ListFilter, { kind: 'none' }> {
  const filter = listFilter(identity, operation);
  if (filter.kind === 'none') throw denial(identity, operation);
  return filter;
}

function denial(identity: Identity, operation: Operation): Error {
  return identity.role === 'PUBLIC'
    ? new UnauthenticatedError('请先登录后再访问此数据', { operation })
    : new ForbiddenError('您无权执行此操作或查看此数据', { operation, role: identity.role });
}
