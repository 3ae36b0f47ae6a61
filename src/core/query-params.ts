import { CATEGORIES } from './category.ts';

// One wording for a refused filter, so the HTTP API (400) and the CLI (exit 2) say the same words.
export const INSTANT_WORDS = 'not an ISO 8601 date or date-time (2016-12-13 or 2016-12-13T20:00:00+02:00)';
export const CATEGORY_WORDS = `not a triage category (one of: ${CATEGORIES.join(', ')})`;
export const LANGUAGE_WORDS = 'not a language code (ISO 639, BCP 47: ar, en, ckb, und …)';

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The instant a filter names, as ISO 8601 UTC (a bare date is its start, in UTC); undefined when unreadable. */
export function toInstant(v: string): string | undefined {
  const s = v.trim();
  if (!ISO.test(s)) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export const isInstant = (v: string): boolean => toInstant(v) !== undefined;

export const isCategoryName = (v: string): boolean => (CATEGORIES as readonly string[]).includes(v);

/** A language tag ICU knows, or `und` (what language identification answers when unsure). */
export function isLanguageCode(v: string): boolean {
  if (v === 'und') return true;
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(v)) return false;
  try {
    return names.of(v) !== undefined;
  } catch {
    return false;
  }
}
