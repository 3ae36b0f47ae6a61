import type { Command } from 'commander';
import { placeKey } from '../analysis/extract/place-key.ts';
import { UsageError } from '../core/errors.ts';
import {
  CATEGORY_WORDS,
  INSTANT_WORDS,
  isCategoryName,
  isLanguageCode,
  LANGUAGE_WORDS,
  toInstant,
} from '../core/query-params.ts';
import type { SearchQuery } from '../store/contract.ts';

/** The filters `vigil search` takes, shared with `vigil export`, checked with the HTTP API's words. */
export type SearchFilters = Pick<
  SearchQuery,
  'text' | 'platform' | 'author' | 'since' | 'until' | 'lang' | 'category' | 'placeKey' | 'minUrgency'
>;

function isoOrThrow(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const iso = toInstant(v);
  if (iso === undefined) throw new UsageError(`${flag}: ${INSTANT_WORDS}: ${v}`, v);
  return iso;
}

function checked(flag: string, v: string | undefined, ok: (v: string) => boolean, words: string) {
  if (v !== undefined && !ok(v)) throw new UsageError(`${flag}: ${words}: ${v}`, v);
  return v;
}

function urgencyOrThrow(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !(n >= 0 && n <= 1)) throw new UsageError(`--min-urgency: not a number from 0 to 1: ${v}`, v);
  return n;
}

export function addSearchFilterOptions(cmd: Command): Command {
  return cmd
    .option('--platform <name>')
    .option('--author <id|handle>')
    .option('--since <date>', 'ISO 8601 date or date-time')
    .option('--until <date>', 'ISO 8601 date or date-time (a bare date means its start)')
    .option('--lang <code>')
    .option('--category <name>', 'triage category')
    .option('--place <name>', 'a place mentioned, or one inside it (Arabic or English gazetteer name)')
    .option('--min-urgency <0..1>');
}

export function searchFilters(words: string[], opts: Record<string, string | undefined>): SearchFilters {
  return {
    text: words.join(' ') || undefined,
    platform: opts.platform,
    author: opts.author,
    since: isoOrThrow('--since', opts.since),
    until: isoOrThrow('--until', opts.until),
    lang: checked('--lang', opts.lang, isLanguageCode, LANGUAGE_WORDS),
    category: checked('--category', opts.category, isCategoryName, CATEGORY_WORDS),
    placeKey: opts.place ? placeKey(opts.place) : undefined,
    minUrgency: urgencyOrThrow(opts.minUrgency),
  };
}
