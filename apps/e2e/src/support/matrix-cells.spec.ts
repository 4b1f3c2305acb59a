import type { AccessCoordinate, Role, Target } from '@cz/auth';
import { ASSIGNED_REVIEWER, cellIdentity, expectedThrough, type Jurisdiction, type Jurisdictions, leakedRows, mismatchTable } from './matrix-cells';

/** The expectation engine of the access matrix, checked on cells whose answer is known from the policy text. */
const HOME: Target = { parkId: '0b6f1d2e-5a4c-4c1e-9a51-000000000001', countyCode: '140403' };
const places: Jurisdictions = { home: HOME, otherCounty: () => '140471', otherPark: () => '0b6f1d2e-5a4c-4c1e-9a51-000000000002' };
const ASSIGNED: Target = { ...HOME, assignedSubjects: [ASSIGNED_REVIEWER] };

const expected = (coordinate: AccessCoordinate, role: Role, jurisdiction: Jurisdiction, target: Target | undefined = HOME, through?: AccessCoordinate) =>
  expectedThrough(through, coordinate, role, jurisdiction, cellIdentity(role, jurisdiction, target, places), target);

describe('access matrix expectations', () => {
  it('refuses an item outside the caller’s jurisdiction, and the public with UNAUTHENTICATED', () => {
    expect(expected('Query.park', 'COUNTY_BUREAU', 'own')).toBe('ALLOWED');
    expect(expected('Query.park', 'COUNTY_BUREAU', 'other')).toBe('FORBIDDEN');
    expect(expected('Query.park', 'PARK_OPERATOR', 'other')).toBe('FORBIDDEN');
    expect(expected('Query.park', 'PUBLIC', 'own')).toBe('UNAUTHENTICATED');
    expect(expected('Query.counties', 'PUBLIC', 'other', undefined)).toBe('ALLOWED');
  });

  it('narrows a list to the caller’s rows instead of refusing it', () => {
    expect(expected('Query.parks', 'COUNTY_BUREAU', 'other')).toBe('HIDDEN');
    expect(expected('Query.applications', 'REVIEWER', 'own', ASSIGNED)).toBe('ALLOWED');
    expect(expected('Query.applications', 'REVIEWER', 'other', ASSIGNED)).toBe('HIDDEN');
    expect(expected('Query.fundingAwards', 'DATA_TEAM', 'own')).toBe('FORBIDDEN');
  });

  it('gives a reviewer none of a park’s records, and refuses them outside jurisdiction', () => {
    expect(expected('Park.applications', 'REVIEWER', 'own')).toBe('HIDDEN');
    expect(expected('Park.applications', 'COUNTY_BUREAU', 'other')).toBe('FORBIDDEN');
    expect(expected('Park.applications', 'DATA_TEAM', 'other')).toBe('ALLOWED');
  });

  it('meets the parent’s guard first: an empty list for no reach, but no cycle at all for the public', () => {
    expect(expected('AssessmentCycle.assessments', 'PARK_OPERATOR', 'other', ASSIGNED, 'AssessmentCycle.__resolveReference')).toBe('HIDDEN');
    expect(expected('AssessmentCycle.assessments', 'FINANCE', 'other', ASSIGNED, 'AssessmentCycle.__resolveReference')).toBe('ALLOWED');
    expect(expected('AssessmentCycle.assessments', 'PUBLIC', 'own', ASSIGNED, 'AssessmentCycle.__resolveReference')).toBe('UNAUTHENTICATED');
  });

  it('hides what is addressed to someone else, and masks personal data as declared', () => {
    expect(expected('Notification.__resolveReference', 'CITY_BUREAU', 'own', undefined)).toBe('ALLOWED');
    expect(expected('Notification.__resolveReference', 'CITY_BUREAU', 'other', undefined)).toBe('HIDDEN');
    expect(expected('Notification.__resolveReference', 'SYSTEM', 'own', undefined)).toBe('FORBIDDEN');
    expect(expected('Park.contactPhone', 'CITY_BUREAU', 'own', HOME, 'Park.__resolveReference')).toBe('MASKED');
    expect(expected('Park.contactPhone', 'COUNTY_BUREAU', 'other', HOME, 'Park.__resolveReference')).toBe('FORBIDDEN');
  });

  it('needs every operation of a coordinate guarded by several, and the mutation’s before its input field’s', () => {
    expect(expected('UpdateParkProfileInput.countyCode', 'COUNTY_BUREAU', 'own', HOME, 'Mutation.updateParkProfile')).toBe('FORBIDDEN');
    expect(expected('UpdateParkProfileInput.countyCode', 'CITY_BUREAU', 'other', HOME, 'Mutation.updateParkProfile')).toBe('ALLOWED');
    expect(expected('Mutation.resolveObjection', 'FINANCE', 'own', undefined)).toBe('FORBIDDEN');
  });

  it('finds rows a list should not have shown', () => {
    const county = cellIdentity('COUNTY_BUREAU', 'own', HOME, places);
    const rows = [
      { id: 'mine', target: HOME },
      { id: 'theirs', target: { parkId: 'p2', countyCode: '140471' } },
    ];
    expect(leakedRows('Query.parks', county, 'COUNTY_BUREAU', rows)).toEqual(['theirs']);
    expect(leakedRows('Query.parks', cellIdentity('CITY_BUREAU', 'own', HOME, places), 'CITY_BUREAU', rows)).toEqual([]);
  });

  it('prints nothing when every cell matches, and one aligned line per mismatch otherwise', () => {
    const cell = { coordinate: 'Query.park' as AccessCoordinate, role: 'COUNTY_BUREAU' as Role, jurisdiction: 'other' as Jurisdiction, expected: 'FORBIDDEN' as const };
    expect(mismatchTable([{ ...cell, actual: 'FORBIDDEN' }])).toBe('');
    const table = mismatchTable([{ ...cell, actual: 'ALLOWED' }, { ...cell, jurisdiction: 'own', expected: 'ALLOWED', actual: 'ALLOWED' }]);
    expect(table.split('\n')).toEqual(['1 of 2 cells differ from the policy:', 'coordinate  role           jurisdiction  expected   actual', 'Query.park  COUNTY_BUREAU  other         FORBIDDEN  ALLOWED']);
  });
});
