import { type RawBuilder, sql } from 'kysely';
import type { Dialect, SearchQuery } from '../contract.ts';
import { rowkeyRange } from '../projections/rowkey.ts';

/** Extra WHERE conditions contributed by other domains (triage filters); registered at import time. */
export type FilterContributor = (q: SearchQuery, dialect: Dialect) => RawBuilder<unknown>[];
const contributors: FilterContributor[] = [];
export function addSearchFilter(c: FilterContributor): void {
  contributors.push(c);
}

/** The WHERE conditions of a search besides its words, over `messages m`. */
export function searchFilters(q: SearchQuery, dialect: Dialect): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (!q.includeDeleted) out.push(sql`m.deleted = 0`);
  if (q.platform) out.push(sql`m.platform = ${q.platform.toLowerCase()}`);
  if (q.author) {
    const a = q.author.replace(/^@/, '');
    out.push(sql`(m.author_id = ${a} or m.author_handle = ${a} or m.author_handle = ${`@${a}`})`);
  }
  if (q.lang) out.push(sql`m.lang = ${q.lang}`);
  const { lo, hi } = rowkeyRange(q.since, q.until);
  if (lo !== undefined) out.push(sql`m.rowkey >= ${lo}`);
  if (hi !== undefined) out.push(sql`m.rowkey <= ${hi}`);
  for (const c of contributors) out.push(...c(q, dialect));
  return out;
}

export const where = (conds: RawBuilder<unknown>[]) =>
  conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
