import { formatYuan } from '@cz/policy';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { FundingKind, FundingStatus } from '../entities/funding-award.entity';
import type { FundingTotals, SpendingCategoryTotal } from '../generated/graphql';
import type { SpendingCategory } from '../ledger/ledger-entry.entity';
import { CATEGORY_NAMES } from '../ledger/ledger-names';

/**
 * The SQL both funding aggregates are made of — the views of one year (`fundingYear`) and of a
 * range of years (`fundingStatistics`) — so a total means the same in both.
 *
 * An award belongs to its funding year (the recognition year, or the assessed year of a subsidy);
 * its ledger movements count whenever they happened: the figures answer "what became of those
 * years' money". Awards of parks this service does not know yet have no county and are left out.
 */
export interface AwardRange {
  fromYear: number;
  toYear: number;
  /** Null for the whole city. */
  countyCode: string | null;
}

const CATEGORIES = Object.keys(CATEGORY_NAMES) as SpendingCategory[];

const AWARDS = `"${SCHEMA}"."funding_award" award JOIN "${SCHEMA}"."park_ref" ref ON ref."park_id" = award."park_id"`;
const IN_RANGE = `award."year" BETWEEN $1 AND $2 AND ($3::varchar IS NULL OR ref."county_code" = $3)`;
const parametersOf = (range: AwardRange) => [range.fromYear, range.toYear, range.countyCode];

/** What an award may be grouped by, as SQL: a fixed list, so no caller's text ever reaches a statement. */
const DIMENSIONS = { year: 'award."year"', countyCode: 'ref."county_code"', kind: 'award."kind"', status: 'award."status"' } as const;
export type AwardDimension = keyof typeof DIMENSIONS;

export type AwardGroup = { year?: number; countyCode?: string; kind?: FundingKind; status?: FundingStatus; count: number; amount: string; amountYuan: string };

/** Award counts and amounts per combination of `dimensions` (only combinations that have awards), ordered by them. */
export async function awardGroups(dataSource: DataSource, range: AwardRange, dimensions: readonly AwardDimension[]): Promise<AwardGroup[]> {
  const columns = dimensions.map((dimension) => `${DIMENSIONS[dimension]} AS "${dimension}"`).join(', ');
  const grouping = dimensions.map((dimension) => DIMENSIONS[dimension]).join(', ');
  const rows: Array<AwardGroup & { amount: string }> = await dataSource.query(
    `SELECT ${columns}, count(*)::int AS "count", sum(award."amount_fen")::text AS "amount"
       FROM ${AWARDS} WHERE ${IN_RANGE}
      GROUP BY ${grouping} ORDER BY ${grouping}`,
    parametersOf(range),
  );
  return rows.map((row) => ({ ...row, amountYuan: formatYuan(row.amount) }));
}

type TotalsRow = { award_count: number; amount_fen: string; granted_fen: string; paid_fen: string; spent_fen: string };

function toTotals(row: TotalsRow | undefined): FundingTotals {
  const [amount, granted, paid, spent] = [row?.amount_fen, row?.granted_fen, row?.paid_fen, row?.spent_fen].map((value) => BigInt(value ?? '0'));
  return {
    awardCount: row?.award_count ?? 0,
    amount: amount.toString(),
    amountYuan: formatYuan(amount),
    granted: granted.toString(),
    paid: paid.toString(),
    spent: spent.toString(),
    balance: (paid - spent).toString(),
    availableToPay: (granted - paid).toString(),
  };
}

/**
 * Amounts and ledger totals (granted, paid, spent) overall and per value of one dimension, in one
 * statement: the grouping set () is the grand total. Ledger totals come from their one
 * definition, the award_ledger_totals view.
 */
export async function totalsBy<D extends 'year' | 'countyCode'>(
  dataSource: DataSource,
  range: AwardRange,
  dimension: D,
): Promise<{ total: FundingTotals; groups: Array<{ key: D extends 'year' ? number : string; totals: FundingTotals }> }> {
  const column = DIMENSIONS[dimension];
  const rows: Array<TotalsRow & { key: number | string | null; is_total: boolean }> = await dataSource.query(
    `SELECT ${column} AS "key", GROUPING(${column}) = 1 AS "is_total", count(*)::int AS "award_count",
            sum(award."amount_fen")::text AS "amount_fen",
            COALESCE(sum(totals."granted_fen"), 0)::text AS "granted_fen",
            COALESCE(sum(totals."paid_fen"), 0)::text AS "paid_fen",
            COALESCE(sum(totals."spent_fen"), 0)::text AS "spent_fen"
       FROM ${AWARDS} LEFT JOIN "${SCHEMA}"."award_ledger_totals" totals ON totals."award_id" = award."id"
      WHERE ${IN_RANGE}
      GROUP BY GROUPING SETS ((${column}), ()) ORDER BY ${column} NULLS LAST`,
    parametersOf(range),
  );
  return {
    total: toTotals(rows.find((row) => row.is_total)),
    groups: rows.filter((row) => !row.is_total).map((row) => ({ key: row.key as D extends 'year' ? number : string, totals: toTotals(row) })),
  };
}

/** Spent as the ledger view counts it (not returned by its reviewer, not reversed by a correction), per Art 11 category: all five listed. */
export async function spendingByCategory(dataSource: DataSource, range: AwardRange): Promise<SpendingCategoryTotal[]> {
  const rows: Array<{ category: SpendingCategory; entry_count: number; amount_fen: string }> = await dataSource.query(
    `SELECT entry."category", count(*)::int AS "entry_count", sum(entry."amount_fen")::text AS "amount_fen"
       FROM "${SCHEMA}"."ledger_entry" entry
       JOIN (${AWARDS}) ON award."id" = entry."award_id"
       LEFT JOIN "${SCHEMA}"."spending_review" review ON review."entry_id" = entry."id"
      WHERE ${IN_RANGE}
        AND entry."kind" = 'SPENDING' AND review."decision" IS DISTINCT FROM 'RETURN'
        AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."ledger_entry" reversal WHERE reversal."reverses_entry_id" = entry."id")
      GROUP BY entry."category"`,
    parametersOf(range),
  );
  const spentBy = new Map(rows.map((row) => [row.category, row]));
  return CATEGORIES.map((category) => {
    const row = spentBy.get(category);
    return { category, entryCount: row?.entry_count ?? 0, amount: row?.amount_fen ?? '0', amountYuan: formatYuan(row?.amount_fen ?? '0') };
  });
}
