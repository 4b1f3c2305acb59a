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

/** Cursors are opaque to clients: the exact sort value (as PostgreSQL prints it) and the id of the last row seen. */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && value[0].length <= 64 && value[1].length <= 64) {
      return value as [string, string];
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
  idOf: (row: T) => string;
}

/**
 * Keyset pagination: stable under inserts and as fast on page 500 as on page 1. Two statements
 * per call whatever the page size: the page and the total. The cursor keeps the sort value as
 * PostgreSQL's own text, because a JavaScript Date would round microseconds away and rows
 * written in the same millisecond would be skipped between pages.
 */
export async function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: ConnectionArgs, order: KeysetOrder<T>): Promise<Connection<T>> {
  const limit = pageSize(args.first);
  const totalCount = await query.clone().getCount();
  const page = query.clone().addSelect(`(${order.column})::text`, 'cursor_sort_value').addSelect(`(${order.idColumn})::text`, 'cursor_id');
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const comparison = order.direction === 'ASC' ? '>' : '<';
    // The cursor's text is cast back to the column's own type by PostgreSQL, so it compares exactly.
    page.andWhere(`(${order.column}, ${order.idColumn}) ${comparison} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  page.orderBy(order.column, order.direction).addOrderBy(order.idColumn, order.direction).limit(limit + 1);
  const { entities, raw } = await page.getRawAndEntities<{ cursor_sort_value: string; cursor_id: string }>();
  const sortValueOf = new Map(raw.map((row) => [row.cursor_id, row.cursor_sort_value]));
  const hasNextPage = entities.length > limit;
  const edges = entities.slice(0, limit).map((node) => {
    const id = order.idOf(node);
    return { cursor: encodeCursor(sortValueOf.get(id) ?? '', id), node };
  });
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
