import { BadUserInputError } from '@cz/errors';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `每页数量必须是 1 到 ${MAX_PAGE_SIZE} 之间的整数`, { min: 1, max: MAX_PAGE_SIZE });
  }
  return first;
}

/** Cursors are opaque to clients: the sort value and the id of the last row seen. */
export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): [string | number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && ['string', 'number'].includes(typeof value[0]) && typeof value[1] === 'string') {
      return value as [string | number, string];
    }
  } catch {
    // fall through to the user-facing error
  }
  throw new BadUserInputError(field, '分页游标无效，请从第一页重新查询');
}

export interface KeysetOrder<T> {
  /** SQL expression of the sort column, e.g. `park.created_at`. */
  column: string;
  /** SQL expression of the unique tiebreaker, e.g. `park.id`. */
  idColumn: string;
  direction: 'ASC' | 'DESC';
  /** The sort value of a row as it goes into a cursor (dates as ISO strings). */
  valueOf: (row: T) => string | number;
  idOf: (row: T) => string;
}

/**
 * Keyset pagination: stable under inserts and as fast on page 500 as on page 1. Two statements
 * per call whatever the page size: the page and the total.
 */
export async function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: ConnectionArgs, order: KeysetOrder<T>): Promise<Connection<T>> {
  const limit = pageSize(args.first);
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const comparison = order.direction === 'ASC' ? '>' : '<';
    page.andWhere(`(${order.column}, ${order.idColumn}) ${comparison} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  page.orderBy(order.column, order.direction).addOrderBy(order.idColumn, order.direction).take(limit + 1);
  const rows = await page.getMany();
  const hasNextPage = rows.length > limit;
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor(order.valueOf(node), order.idOf(node)), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
