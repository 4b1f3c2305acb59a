import type { Identity } from '@cz/auth';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '@cz/errors';
import { countyInScope, statisticsFilter, yearRange } from './statistics-filter';

const LUZHOU = '140403';
const LICHENG = '140426';
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouOfficer: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: LUZHOU };

/** The field a BAD_USER_INPUT names, or the error class otherwise. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return `BAD_USER_INPUT:${error.field}`;
    return (error as Error).constructor.name;
  }
  return 'accepted';
}

describe('statistics year range', () => {
  it('defaults to the ten years up to the current one', () => {
    expect(yearRange({}, 2026)).toEqual({ fromYear: 2017, toYear: 2026 });
    expect(yearRange({ fromYear: null, toYear: null }, 2026)).toEqual({ fromYear: 2017, toYear: 2026 });
  });

  it('fills a missing end from the one given', () => {
    expect(yearRange({ fromYear: 2020 }, 2026)).toEqual({ fromYear: 2020, toYear: 2026 });
    // A range starting ahead of today is one year long, not an error.
    expect(yearRange({ fromYear: 2030 }, 2026)).toEqual({ fromYear: 2030, toYear: 2030 });
    expect(yearRange({ toYear: 2022 }, 2026)).toEqual({ fromYear: 2013, toYear: 2022 });
    // Never reaches back before the first year the tables hold.
    expect(yearRange({ toYear: 2004 }, 2026)).toEqual({ fromYear: 2000, toYear: 2004 });
  });

  it('keeps a single year and an explicit range as given', () => {
    expect(yearRange({ fromYear: 2024, toYear: 2024 }, 2026)).toEqual({ fromYear: 2024, toYear: 2024 });
    expect(yearRange({ fromYear: 2000, toYear: 2100 }, 2026)).toEqual({ fromYear: 2000, toYear: 2100 });
  });

  it('names the field of a year out of range, and of a reversed range', () => {
    expect(refusal(() => yearRange({ fromYear: 1999 }, 2026))).toBe('BAD_USER_INPUT:fromYear');
    expect(refusal(() => yearRange({ toYear: 2101 }, 2026))).toBe('BAD_USER_INPUT:toYear');
    expect(refusal(() => yearRange({ fromYear: 2020.5 }, 2026))).toBe('BAD_USER_INPUT:fromYear');
    expect(refusal(() => yearRange({ fromYear: 2025, toYear: 2024 }, 2026))).toBe('BAD_USER_INPUT:fromYear');
  });
});

describe('statistics county scope', () => {
  it('lets city-wide roles see the city or narrow to any county', () => {
    expect(countyInScope(dataTeam, 'statistics.read', undefined)).toBeNull();
    expect(countyInScope(dataTeam, 'statistics.read', LICHENG)).toBe(LICHENG);
  });

  it('holds a county bureau to its own county, refusing another rather than replacing it', () => {
    expect(countyInScope(luzhouOfficer, 'statistics.read', null)).toBe(LUZHOU);
    expect(countyInScope(luzhouOfficer, 'statistics.read', LUZHOU)).toBe(LUZHOU);
    expect(refusal(() => countyInScope(luzhouOfficer, 'statistics.read', LICHENG))).toBe('ForbiddenError');
  });

  it('refuses roles the policy does not name, before looking at their input', () => {
    const operator: Identity = { subject: 'op-1', role: 'PARK_OPERATOR', parkId: '0b6f1d2e-5a4c-4c1e-9a51-000000000001' };
    expect(() => countyInScope(operator, 'statistics.read', 'not-a-code')).toThrow(ForbiddenError);
    expect(() => countyInScope({ subject: 'r-1', role: 'REVIEWER' }, 'statistics.read', null)).toThrow(ForbiddenError);
    expect(() => countyInScope({ subject: 'anonymous', role: 'PUBLIC' }, 'statistics.read', null)).toThrow(UnauthenticatedError);
    // A county officer whose token lacks its county sees nothing rather than everything.
    expect(() => countyInScope({ subject: 'county-x', role: 'COUNTY_BUREAU' }, 'statistics.read', null)).toThrow(ForbiddenError);
  });

  it('names countyCode for a malformed code', () => {
    expect(refusal(() => countyInScope(dataTeam, 'statistics.read', '1404'))).toBe('BAD_USER_INPUT:countyCode');
    expect(refusal(() => countyInScope(luzhouOfficer, 'statistics.read', '14040x'))).toBe('BAD_USER_INPUT:countyCode');
  });
});

describe('statistics filter', () => {
  it('combines scope and years, with the current year taken in Beijing', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Beijing.
    const now = new Date('2026-12-31T17:00:00Z');
    expect(statisticsFilter(luzhouOfficer, {}, now)).toEqual({ fromYear: 2018, toYear: 2027, countyCode: LUZHOU, asOf: now });
    expect(statisticsFilter(dataTeam, { fromYear: 2020, toYear: 2021, countyCode: LICHENG }, now)).toEqual({ fromYear: 2020, toYear: 2021, countyCode: LICHENG, asOf: now });
  });
});
