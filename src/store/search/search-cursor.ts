import { z } from 'zod';
import { canonicalJson } from '../../core/canonical-json.ts';
import { UsageError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/hash.ts';
import type { SearchQuery } from '../contract.ts';
import type { QueryTerm } from './query-terms.ts';

/**
 * How a search's words match, chosen once per search: `all` (no words), whole `word`s, `prefix`es,
 * or `partial` words (trigrams). Every page of one search uses the same mode.
 */
export const MATCH_MODES = ['all', 'word', 'prefix', 'partial'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

const Cursor = z.object({
  v: z.literal(1),
  /** Fingerprint of the search (words, filters, order): a cursor continues only its own search. */
  f: z.string(),
  m: z.enum(MATCH_MODES),
  /** Newest first: the row key of the hit to continue after. */
  k: z.number().int().optional(),
  /** Ranked: the newest row key of the scored window, and how many ranked hits came before. */
  top: z.number().int().optional(),
  o: z.number().int().min(0).optional(),
});
export type SearchCursor = Omit<z.infer<typeof Cursor>, 'v'>;

/** What a cursor must match: everything that decides the result set, but not limit, offset or after. */
export function searchFingerprint(q: SearchQuery, terms: QueryTerm[]): string {
  const { limit, offset, after, text, ...rest } = q;
  const words = terms.map((t) => t.token).join(' ');
  const minUrgency = Number.isFinite(rest.minUrgency) ? rest.minUrgency : undefined;
  const decided = { ...rest, words, minUrgency, includeDeleted: rest.includeDeleted || undefined };
  return sha256Hex(canonicalJson({ ...decided, order: rest.order ?? 'newest' })).slice(0, 16);
}

/** An opaque cursor: base64url JSON. */
export function writeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...c })).toString('base64url');
}

export function readCursor(s: string, fingerprint: string): SearchCursor {
  let parsed: ReturnType<typeof Cursor.safeParse>;
  try {
    parsed = Cursor.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
  } catch {
    throw new UsageError(`after: not a search cursor: ${s}`, s);
  }
  if (!parsed.success) throw new UsageError(`after: not a search cursor: ${s}`, s);
  if (parsed.data.f !== fingerprint)
    throw new UsageError('after: the cursor belongs to another search (its words, filters or order differ)', s);
  const { v, ...cursor } = parsed.data;
  return cursor;
}
