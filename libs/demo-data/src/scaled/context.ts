import { CITY_MEASURES, type PolicyVersion } from '@cz/policy';
import type { ScaledCity } from './model';
import type { Day, Instant } from './time';

/** Who acts, as the services record actors: subject and role. */
export interface Actor {
  subject: string;
  role: string;
}

export const SYSTEM_SCHEDULER: Actor = { subject: 'system:scheduler', role: 'SYSTEM' };
export const CITY_REVIEWER: Actor = { subject: 'city-bureau-reviewer-01', role: 'CITY_BUREAU' };
export const CITY_DIRECTOR: Actor = { subject: 'city-bureau-director', role: 'CITY_BUREAU' };
export const FINANCE_OFFICER: Actor = { subject: 'finance-officer-01', role: 'FINANCE' };
export const countyOfficer = (countyCode: string): Actor => ({ subject: `county-bureau-${countyCode}`, role: 'COUNTY_BUREAU' });
export const systemOf = (service: string): Actor => ({ subject: `system:${service}`, role: 'SYSTEM' });

/** What every part of one city's generation shares: its rows so far and its fixed dates. */
export interface CityContext {
  /** The label every id of this city derives from. */
  root: string;
  city: ScaledCity;
  asOf: Instant;
  asOfDay: Day;
}

/** The version of the measures in force on a day: the historic one before CITY_MEASURES began. */
export function measuresOn(city: ScaledCity, day: Day): PolicyVersion {
  return day < CITY_MEASURES.effectiveFrom ? city.historicMeasures : CITY_MEASURES;
}

/**
 * The measures as they stood before CITY_MEASURES, for the years of history before 2024: the same
 * parameters under a demo code, ended the day before the current version begins.
 */
export function historicMeasures(firstYear: number): PolicyVersion {
  const dayBefore = new Date(Date.parse(`${CITY_MEASURES.effectiveFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return {
    ...CITY_MEASURES,
    code: `CZ-HRSIP-${firstYear}-DEMO`,
    title: `市级人力资源服务产业园管理办法（${firstYear} 年版，演示数据）`,
    effectiveFrom: `${firstYear}-01-01`,
    effectiveTo: dayBefore,
  };
}
