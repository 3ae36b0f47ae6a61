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
 * The shortest term matched as a prefix. The word index keeps a prefix index for 3 letters only (migration
 * 202612052140-slimmer-store): a 2-letter prefix matches a large part of the vocabulary, and without an
 * index for it one search took up to 0.5 s at 200,000 messages. Shorter terms match as whole words.
 */
export const MIN_PREFIX_LETTERS = 3;

const asPrefix = (s: string, prefix: boolean) => prefix && [...s].length >= MIN_PREFIX_LETTERS;

/**
 * FTS5 MATCH expression: every term, as the whole word or its stem, or (`prefix`) as a prefix of
 * either (when at least MIN_PREFIX_LETTERS long). Whole-word queries stream in key order and stop at the
 * limit; prefix queries merge every matching term's postings first, so they run only when whole words find
 * too little.
 */
export function fts5Match(terms: QueryTerm[], prefix = true): string {
  const one = (s: string) => `${quote(s)}${asPrefix(s, prefix) ? '*' : ''}`;
  return terms
    .map(({ token, stem }) => (stem === token ? one(token) : `(${one(token)} OR ${one(stem)})`))
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
  const lex = (s: string) => `'${s.replace(/'/g, "''").replace(/\\/g, '')}'${asPrefix(s, prefix) ? ':*' : ''}`;
  return terms.map(({ token, stem }) => (stem === token ? lex(token) : `(${lex(token)} | ${lex(stem)})`)).join(' & ');
}
