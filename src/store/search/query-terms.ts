import { arabicLightStem, normalizedTokens } from '../../core/arabic-normalize.ts';

/** One search term: its normalized form and the light stem that also matches. */
export interface QueryTerm {
  token: string;
  stem: string;
}

/** A parsed query: terms all of which must match (each as a prefix, or via its stem). */
export function parseQuery(text: string | undefined): QueryTerm[] {
  if (!text) return [];
  return normalizedTokens(text)
    .slice(0, 16)
    .map((token) => ({ token, stem: arabicLightStem(token) }));
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * FTS5 MATCH expression: every term, as the whole word or its stem, or (`prefix`) as a prefix of
 * either. Whole-word queries stream in key order and stop at the limit; prefix queries merge every
 * matching term's postings first, so they run only when whole words find too little.
 */
export function fts5Match(terms: QueryTerm[], prefix = true): string {
  const p = prefix ? '*' : '';
  return terms
    .map(({ token, stem }) => (stem === token ? `${quote(token)}${p}` : `(${quote(token)}${p} OR ${quote(stem)}${p})`))
    .join(' AND ');
}

/** FTS5 trigram MATCH expression: substrings, for partial words the prefix index cannot find. */
export function fts5TrigramMatch(terms: QueryTerm[]): string | undefined {
  const usable = terms.filter((t) => [...t.stem].length >= 3);
  if (usable.length !== terms.length || usable.length === 0) return undefined;
  return usable.map((t) => quote(t.stem)).join(' AND ');
}

/** PostgreSQL to_tsquery('simple', ...) expression with prefix matching. */
export function tsQuery(terms: QueryTerm[]): string {
  const lex = (s: string) => `'${s.replace(/'/g, "''").replace(/\\/g, '')}':*`;
  return terms.map(({ token, stem }) => (stem === token ? lex(token) : `(${lex(token)} | ${lex(stem)})`)).join(' & ');
}
