import { ForbiddenError, UnauthenticatedError } from '@cz/errors';
import { authorize, can, listFilter, requireListFilter } from './guard';
import { ANONYMOUS, type Identity } from './roles';
import { maskName, maskPhone } from './personal-data';

const LUZHOU = '140403';
const XIANGYUAN = '140423';
const parkInLuzhou = { parkId: 'park-a', countyCode: LUZHOU };

const city: Identity = { subject: 'u-city', role: 'CITY_BUREAU' };
const luzhouOfficer: Identity = { subject: 'u-county', role: 'COUNTY_BUREAU', countyCode: LUZHOU };
const xiangyuanOfficer: Identity = { subject: 'u-county-2', role: 'COUNTY_BUREAU', countyCode: XIANGYUAN };
const operatorA: Identity = { subject: 'u-op', role: 'PARK_OPERATOR', parkId: 'park-a' };
const operatorB: Identity = { subject: 'u-op-b', role: 'PARK_OPERATOR', parkId: 'park-b' };
const reviewer: Identity = { subject: 'u-rev', role: 'REVIEWER' };

describe('guard', () => {
  it('lets the city bureau act city-wide', () => {
    expect(can(city, 'park.update', parkInLuzhou)).toBe(true);
  });

  it('confines a county officer to its own county', () => {
    expect(can(luzhouOfficer, 'park.update', parkInLuzhou)).toBe(true);
    expect(can(xiangyuanOfficer, 'park.update', parkInLuzhou)).toBe(false);
    expect(() => authorize(xiangyuanOfficer, 'park.read', parkInLuzhou)).toThrow(ForbiddenError);
  });

  it('confines a park operator to its own park', () => {
    expect(can(operatorA, 'park.read', parkInLuzhou)).toBe(true);
    expect(can(operatorB, 'park.read', parkInLuzhou)).toBe(false);
  });

  it('gives a reviewer only what it is assigned', () => {
    expect(can(reviewer, 'application.read', parkInLuzhou)).toBe(false);
    expect(can(reviewer, 'application.read', { ...parkInLuzhou, assignedSubjects: ['u-rev'] })).toBe(true);
  });

  it('tells an anonymous caller to log in, and a logged-in one that it is forbidden', () => {
    expect(() => authorize(ANONYMOUS, 'park.read', parkInLuzhou)).toThrow(UnauthenticatedError);
    expect(() => authorize({ subject: 'u-data', role: 'DATA_TEAM' }, 'funding.read', parkInLuzhou)).toThrow(ForbiddenError);
  });

  it('lets anyone read the county list', () => {
    expect(can(ANONYMOUS, 'county.read')).toBe(true);
  });

  it('needs a target for jurisdiction-scoped checks', () => {
    expect(can(luzhouOfficer, 'park.read')).toBe(false);
  });

  it('turns scopes into list filters', () => {
    expect(listFilter(city, 'park.read')).toEqual({ kind: 'all' });
    expect(listFilter(luzhouOfficer, 'park.read')).toEqual({ kind: 'county', countyCode: LUZHOU });
    expect(listFilter(operatorA, 'park.read')).toEqual({ kind: 'park', parkId: 'park-a' });
    expect(listFilter(reviewer, 'application.read')).toEqual({ kind: 'assigned', subject: 'u-rev' });
    expect(listFilter({ subject: 'broken', role: 'COUNTY_BUREAU' }, 'park.read')).toEqual({ kind: 'none' });
    expect(() => requireListFilter(ANONYMOUS, 'park.read')).toThrow(UnauthenticatedError);
  });
});

describe('personal data masking', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('keeps only the last four digits of a landline', () => {
    expect(maskPhone('0355-2021234')).toBe('*******1234');
  });

  it('keeps only the family name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
  });
});
