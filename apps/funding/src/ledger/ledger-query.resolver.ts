import { requireListFilter } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import { isUuid, paginate } from '@cz/subgraph-kit';
import type { LedgerEntryFilter, QueryResolvers } from '../generated/graphql';
import { entriesQuery, toLedgerEntry } from './ledger-entries';

type EntriesQuery = ReturnType<typeof entriesQuery>;

function applyFilter(query: EntriesQuery, filter: LedgerEntryFilter | null | undefined): EntriesQuery {
  filterByParkCounty(query, filter?.countyCode, 'award.park_id');
  if (filter?.year != null) {
    if (!Number.isInteger(filter.year) || filter.year < 2000 || filter.year > 2999) throw new BadUserInputError('filter.year', '年度必须是 2000 到 2999 之间的整数');
    // A range on the date column rather than EXTRACT, so an index on occurred_on could serve it.
    query.andWhere('entry.occurred_on >= :yearStart AND entry.occurred_on < :yearEnd', { yearStart: `${filter.year}-01-01`, yearEnd: `${filter.year + 1}-01-01` });
  }
  if (filter?.kind) query.andWhere('entry.kind = :kind', { kind: filter.kind });
  // An id that is not a uuid names nothing: an empty page, never an SQL error.
  if (filter?.parkId) query.andWhere(isUuid(filter.parkId) ? 'award.park_id = :parkId' : 'false', { parkId: filter.parkId });
  if (filter?.awardId) query.andWhere(isUuid(filter.awardId) ? 'entry.award_id = :awardId' : 'false', { awardId: filter.awardId });
  switch (filter?.reviewStatus) {
    case 'PENDING':
      query.andWhere(`entry.kind = 'SPENDING' AND review.id IS NULL`);
      break;
    case 'ACCEPTED':
      query.andWhere(`review.decision = 'ACCEPT'`);
      break;
    case 'RETURNED':
      query.andWhere(`review.decision = 'RETURN'`);
      break;
  }
  return query;
}

export const Query: QueryResolvers = {
  ledgerEntries: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'funding.read');
    const query = applyFilter(applyParkScope(entriesQuery(dataSource), scope, 'award.park_id'), filter);
    const page = await paginate(query, { first, after }, { column: 'entry.recorded_at', idColumn: 'entry.id', direction: 'DESC', idOf: (entry) => entry.id });
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toLedgerEntry(edge.node) })) };
  },
};
