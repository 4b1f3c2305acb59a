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
  'park.register': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY' },
  'park.update': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  /** Moving a park to another county changes who manages it (Art 14): city bureau only. */
  'park.relocate': { CITY_BUREAU: 'ALL' },
  'application.read': { CITY_BUREAU: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK', REVIEWER: 'ASSIGNED' },
  /** A park drafts, edits (while a draft or returned), uploads materials for and submits its own applications. */
  'application.create': { PARK_OPERATOR: 'OWN_PARK' },
  'application.edit': { PARK_OPERATOR: 'OWN_PARK' },
  'application.submit': { PARK_OPERATOR: 'OWN_PARK' },
  /** Materials hold business documents: the parties to the application and assigned reviewers only. */
  'application.material.read': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK', REVIEWER: 'ASSIGNED', SYSTEM: 'ALL' },
  /** 初审: the county bureau where the park is. */
  'application.review.county': { COUNTY_BUREAU: 'OWN_COUNTY' },
  /** 审核, assigning the panel, approval: the city bureau. */
  'application.review.city': { CITY_BUREAU: 'ALL' },
  'application.approve': { CITY_BUREAU: 'ALL' },
  /** 联合评审: panel members give opinions and scores on what they are assigned. */
  'application.evaluate': { REVIEWER: 'ASSIGNED' },
  /**
   * Panel membership and individual scores are the panel's working papers: the city bureau and
   * the panel itself; applicants and counties see the concluded (average) result only.
   */
  'application.evaluation.read': { CITY_BUREAU: 'ALL', REVIEWER: 'ASSIGNED', SYSTEM: 'ALL' },
  /** 实地考察 record: the city bureau or an assigned panel member. */
  'application.inspect': { CITY_BUREAU: 'ALL', REVIEWER: 'ASSIGNED' },
  /** Policy versions (Art 22): public text; only the city bureau maintains them. */
  'policy.read': { PUBLIC: 'ALL', CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  'policy.manage': { CITY_BUREAU: 'ALL' },
  /** 公示: notices are public; anyone may object; the bureau opens periods and resolves objections. */
  'publicity.read': { PUBLIC: 'ALL', CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  'publicity.manage': { CITY_BUREAU: 'ALL' },
  'objection.file': { PUBLIC: 'ALL', CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL' },
  /** An objection's filer and contact are personal data: the city bureau only. */
  'objection.read': { CITY_BUREAU: 'ALL' },
  /** Scheduled jobs: closing periods at their deadline, re-creating lost deadline jobs. */
  'deadline.run': { SYSTEM: 'ALL' },
  /** The working-day calendar is public; the city bureau maintains it. */
  'calendar.read': { PUBLIC: 'ALL', CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  'calendar.update': { CITY_BUREAU: 'ALL' },
  /** In-app inbox: each user reads what is addressed to their role and jurisdiction. */
  'notification.read': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL' },
  /** The e-mail directory of the offices that receive notifications. */
  'notification.contacts.manage': { CITY_BUREAU: 'ALL' },
  /** The data team sees funding only as aggregates (issue 4), never per park. */
  'funding.read': { CITY_BUREAU: 'ALL', FINANCE: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  /** Art 9–11 money movements: finance confirms payments; the park records its spending; its county reviews it. */
  'funding.pay': { FINANCE: 'ALL' },
  'funding.spend': { PARK_OPERATOR: 'OWN_PARK' },
  /** Evidence files (employment reports, spending) are uploaded by the park they belong to. */
  'funding.evidence.upload': { PARK_OPERATOR: 'OWN_PARK' },
  'funding.spending.review': { COUNTY_BUREAU: 'OWN_COUNTY', CITY_BUREAU: 'ALL' },
  /** A correction is a reversing entry, decided by the city bureau or finance; nothing is edited. */
  'funding.correct': { CITY_BUREAU: 'ALL', FINANCE: 'ALL' },
  /** Art 10 inputs: the city's yearly targets (public plan figures for every signed-in role), parks' employment counts. */
  'funding.targets.read': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  'funding.targets.manage': { CITY_BUREAU: 'ALL' },
  'funding.employment.report': { PARK_OPERATOR: 'OWN_PARK' },
  'funding.employment.verify': { COUNTY_BUREAU: 'OWN_COUNTY' },
  /** Art 12: references to subsidies resident enterprises applied for elsewhere, kept by the park and its county. */
  'funding.references.manage': { PARK_OPERATOR: 'OWN_PARK', COUNTY_BUREAU: 'OWN_COUNTY', CITY_BUREAU: 'ALL' },
  'assessment.read': { CITY_BUREAU: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK', REVIEWER: 'ASSIGNED' },
  /** A year's funding as totals (by kind, status, county, category): the data team sees money only this way. */
  'funding.aggregates.read': { CITY_BUREAU: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY' },
  /** Art 18–19: the city bureau keeps the indicator templates and opens cycles (the scheduled job opens them as SYSTEM). */
  'assessment.template.manage': { CITY_BUREAU: 'ALL' },
  'assessment.cycle.read': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  'assessment.cycle.open': { CITY_BUREAU: 'ALL', SYSTEM: 'ALL' },
  /** Self-assessment and the rectification report: the park itself; its county bureau checks the self-assessment. */
  'assessment.self-assess': { PARK_OPERATOR: 'OWN_PARK' },
  'assessment.check': { COUNTY_BUREAU: 'OWN_COUNTY' },
  'assessment.rectification.report': { PARK_OPERATOR: 'OWN_PARK' },
  /** Scoring: the city bureau assigns reviewers and finalises; assigned reviewers score (a lead also rescores). */
  'assessment.assign': { CITY_BUREAU: 'ALL' },
  'assessment.score': { REVIEWER: 'ASSIGNED' },
  'assessment.finalise': { CITY_BUREAU: 'ALL' },
  /** Indicator scores once graded: the parties see their result; who scored what, and every change, are the panel's working papers. */
  'assessment.scores.read': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK', REVIEWER: 'ASSIGNED', SYSTEM: 'ALL' },
  'assessment.scoring.read': { CITY_BUREAU: 'ALL', REVIEWER: 'ASSIGNED', SYSTEM: 'ALL' },
  /** Art 20(一): 全市通报表扬 and the provincial recommendation list are public. */
  'assessment.commendations.read': { PUBLIC: 'ALL', CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'ALL', PARK_OPERATOR: 'ALL', REVIEWER: 'ALL', FINANCE: 'ALL', DATA_TEAM: 'ALL', SYSTEM: 'ALL' },
  /**
   * Art 17 reveal: everyone reads personal data masked; an entitled user sees it whole only through an
   * explicit reveal, which is written to the access log.
   */
  'park.contact.reveal': { CITY_BUREAU: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY', PARK_OPERATOR: 'OWN_PARK' },
  'objection.contact.reveal': { CITY_BUREAU: 'ALL' },
  /** The audit log (who did or tried what): the city bureau queries and exports it. */
  'audit.read': { CITY_BUREAU: 'ALL' },
  /** Programme statistics and their exports (aggregates only, never personal data); a county sees its own county. */
  'statistics.read': { CITY_BUREAU: 'ALL', DATA_TEAM: 'ALL', FINANCE: 'ALL', SYSTEM: 'ALL', COUNTY_BUREAU: 'OWN_COUNTY' },
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof ACCESS_POLICY;

export function scopeOf(role: Role, operation: Operation): Scope | undefined {
  return (ACCESS_POLICY[operation] as Rule)[role];
}
