import { type Identity, requireListFilter } from '@cz/auth';
import { BadUserInputError, ForbiddenError } from '@cz/errors';
import { formatYuan } from '@cz/policy';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import { year as validYear } from '../employment/employment-input.rules';
import type { FundingKind, FundingStatus } from '../entities/funding-award.entity';
import type { SpendingCategory } from '../ledger/ledger-entry.entity';
import { CATEGORY_NAMES } from '../ledger/ledger-names';
import type { FundingTotals, FundingYearSummary } from '../generated/graphql';

const COUNTY_CODE = /^\d{6}$/;
const CATEGORIES = Object.keys(CATEGORY_NAMES) as SpendingCategory[];

/**
 * The county the summary covers, or null for the whole city: a county bureau is held to its own
 * county (another is refused, not silently replaced); everyone else may narrow to any county.
 */
function countyInScope(identity: Identity, requested: string | null | undefined): string | null {
  const scope = requireListFilter(identity, 'funding.aggregates.read');
  if (requested != null && !COUNTY_CODE.test(requested)) throw new BadUserInputError('countyCode', '县区代码必须是 6 位数字');
  if (scope.kind === 'all') return requested ?? null;
  if (scope.kind === 'county' && (requested == null || requested === scope.countyCode)) return scope.countyCode;
  throw new ForbiddenError('只能查看本县区的资金汇总', { operation: 'funding.aggregates.read', countyCode: requested });
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
 * The awards of funding year `year` (the recognition year, or the assessed year of a subsidy) in
 * parks this service knows, optionally of one county. Movements count whenever they happened: the
 * view answers "what became of that year's money". Ledger totals come from the one definition,
 * the award_ledger_totals view.
 */
const AWARDS = `"${SCHEMA}"."funding_award" award JOIN "${SCHEMA}"."park_ref" ref ON ref."park_id" = award."park_id"`;
const OF_YEAR = `award."year" = $1 AND ($2::varchar IS NULL OR ref."county_code" = $2)`;

/**
 * 年度资金汇总, computed in PostgreSQL (three GROUP BY statements, whatever the number of awards):
 * only totals leave the database, which is what lets the data team read it (Art 17; issue 4).
 */
export async function fundingYearSummary(dataSource: DataSource, identity: Identity, yearInput: number, requestedCounty: string | null | undefined): Promise<FundingYearSummary> {
  const year = validYear('year', yearInput);
  const countyCode = countyInScope(identity, requestedCounty);
  const parameters = [year, countyCode];

  const kindStatus: Array<{ kind: FundingKind; status: FundingStatus; count: number; amount_fen: string }> = await dataSource.query(
    `SELECT award."kind", award."status", count(*)::int AS "count", sum(award."amount_fen")::text AS "amount_fen"
     FROM ${AWARDS} WHERE ${OF_YEAR}
     GROUP BY award."kind", award."status" ORDER BY award."kind", award."status"`,
    parameters,
  );
  // One statement for the whole and each county: the grouping set () is the grand total (county null).
  const byCounty: Array<TotalsRow & { county_code: string | null; is_total: boolean }> = await dataSource.query(
    `SELECT ref."county_code", GROUPING(ref."county_code") = 1 AS "is_total", count(*)::int AS "award_count",
            sum(award."amount_fen")::text AS "amount_fen",
            COALESCE(sum(totals."granted_fen"), 0)::text AS "granted_fen",
            COALESCE(sum(totals."paid_fen"), 0)::text AS "paid_fen",
            COALESCE(sum(totals."spent_fen"), 0)::text AS "spent_fen"
     FROM ${AWARDS} LEFT JOIN "${SCHEMA}"."award_ledger_totals" totals ON totals."award_id" = award."id"
     WHERE ${OF_YEAR}
     GROUP BY GROUPING SETS ((ref."county_code"), ()) ORDER BY ref."county_code" NULLS LAST`,
    parameters,
  );
  // Spent as the view counts it: spending not returned by its reviewer and not reversed by a correction.
  const spending: Array<{ category: SpendingCategory; entry_count: number; amount_fen: string }> = await dataSource.query(
    `SELECT entry."category", count(*)::int AS "entry_count", sum(entry."amount_fen")::text AS "amount_fen"
     FROM "${SCHEMA}"."ledger_entry" entry
     JOIN (${AWARDS}) ON award."id" = entry."award_id"
     LEFT JOIN "${SCHEMA}"."spending_review" review ON review."entry_id" = entry."id"
     WHERE ${OF_YEAR}
       AND entry."kind" = 'SPENDING' AND review."decision" IS DISTINCT FROM 'RETURN'
       AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."ledger_entry" reversal WHERE reversal."reverses_entry_id" = entry."id")
     GROUP BY entry."category"`,
    parameters,
  );

  const spentBy = new Map(spending.map((row) => [row.category, row]));
  return {
    year,
    countyCode,
    totals: toTotals(byCounty.find((row) => row.is_total)),
    byKindAndStatus: kindStatus.map((row) => ({ kind: row.kind, status: row.status, count: row.count, amount: row.amount_fen, amountYuan: formatYuan(row.amount_fen) })),
    byCounty: byCounty.filter((row) => !row.is_total).map((row) => ({ countyCode: row.county_code as string, totals: toTotals(row) })),
    spendingByCategory: CATEGORIES.map((category) => {
      const row = spentBy.get(category);
      return { category, entryCount: row?.entry_count ?? 0, amount: row?.amount_fen ?? '0', amountYuan: formatYuan(row?.amount_fen ?? '0') };
    }),
  };
}
