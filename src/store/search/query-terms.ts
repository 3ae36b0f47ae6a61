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

/** Partial-word (trigram) matching needs every term's stem to be at least three letters long. */
export function partialUsable(terms: QueryTerm[]): boolean {
  return terms.length > 0 && terms.every((t) => [...t.stem].length >= 3);
}

/** FTS5 trigram MATCH expression: substrings, for partial words the prefix index cannot find. */
export function fts5TrigramMatch(terms: QueryTerm[]): string | undefined {
  if (!partialUsable(terms)) return undefined;
  return terms.map((t) => quote(t.stem)).join(' AND ');
}

/** PostgreSQL to_tsquery('simple', ...) expression: whole words, or (`prefix`) prefixes, as fts5Match. */
export function tsQuery(terms: QueryTerm[], prefix = true): string {
  const p = prefix ? ':*' : '';
  const lex = (s: string) => `'${s.replace(/'/g, "''").replace(/\\/g, '')}'${p}`;
  return terms.map(({ token, stem }) => (stem === token ? lex(token) : `(${lex(token)} | ${lex(stem)})`)).join(' & ');
}
