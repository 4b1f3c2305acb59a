/**
 * The `reporting` schema: documented views over every service's data for the data team's BI
 * tools (Metabase, Superset, notebooks), read through one login role that can read those views
 * and nothing else (issue 7). Each service creates the views over its own tables in its own
 * migrations; this file holds what they share and the rules every view must follow.
 */
export const REPORTING_SCHEMA = 'reporting';

/** Cluster-wide login role of the BI tools. A constant, not configuration: grants name it in every database. */
export const REPORTING_ROLE = 'czhr_reporting';

export interface ReportingView {
  /** `<service>_<subject>`, lower snake case, e.g. `registry_parks`. */
  name: string;
  /** "中文 — English": what one row is, and anything a reader must know to sum it correctly. */
  comment: string;
  /** Column → "中文 — English" description, in the order `select` yields the columns. */
  columns: Readonly<Record<string, string>>;
  /** The SELECT the view stands for; its output columns are renamed to `columns`, in order. */
  select: string;
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const HAN = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]{3}/;

/**
 * Column names that would carry personal data (Art 17) or say who acted: contacts, phones, mail,
 * addresses, objection filers, identity numbers, user subjects. A safety net under the rule that
 * views carry ids, codes, dates, figures and the names of organisations only — never free text
 * (reasons, comments, evidence) that a person could have typed a name or a number into.
 */
export const PERSONAL_DATA_COLUMN = /contact|phone|mobile|mail|address|filer|id_card|id_number|subject|^actor$|_by$|password|^ip_|_ip$/;

/** Refuses a view that is undocumented, oddly named or has a column that looks like personal data. */
export function checkReportingView(view: ReportingView): ReportingView {
  const problems: string[] = [];
  if (!IDENTIFIER.test(view.name)) problems.push(`view name "${view.name}" is not lower snake case`);
  if (!isBilingual(view.comment)) problems.push(`view ${view.name}: the comment must be in Chinese and English`);
  const columns = Object.entries(view.columns);
  if (columns.length === 0) problems.push(`view ${view.name} has no columns`);
  for (const [column, comment] of columns) {
    if (!IDENTIFIER.test(column)) problems.push(`column ${view.name}.${column} is not lower snake case`);
    if (PERSONAL_DATA_COLUMN.test(column)) problems.push(`column ${view.name}.${column} looks like personal data`);
    if (!isBilingual(comment)) problems.push(`column ${view.name}.${column}: the comment must be in Chinese and English`);
  }
  if (problems.length > 0) throw new Error(`reporting view refused:\n  ${problems.join('\n  ')}`);
  return view;
}

function isBilingual(text: string): boolean {
  return typeof text === 'string' && HAN.test(text) && LATIN.test(text);
}

/** SQL for the Beijing date of a timestamptz expression, whatever time zone the BI tool's session uses. */
export function shanghaiDate(expression: string): string {
  return `(${expression} AT TIME ZONE 'Asia/Shanghai')::date`;
}

/** SQL for the calendar days, to two places, from one timestamptz expression to another (null when either is). */
export function daysBetween(from: string, to: string): string {
  return `round((extract(epoch FROM (${to}) - (${from})) / 86400)::numeric, 2)`;
}

/** A string constant for DDL that takes no parameters (COMMENT ON, ALTER ROLE … PASSWORD). */
export function sqlLiteral(text: string): string {
  // standard_conforming_strings is on (the default since PostgreSQL 9.1): only quotes need doubling.
  return `'${text.replace(/'/g, "''")}'`;
}
