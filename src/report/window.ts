import { UsageError } from '../core/errors.ts';
import type { DigestLang, DigestOptions, DigestPeople } from './digest-model.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A window bound as a person types it: a full ISO 8601 time with its offset, or a bare date, read in UTC
 * (the start of that day for --since, its last millisecond for --until, so 12 to 14 covers three days).
 */
export function parseBound(value: string, which: 'since' | 'until'): string {
  const v = value.trim();
  if (DATE_ONLY.test(v) && !Number.isNaN(Date.parse(v)))
    return which === 'since' ? `${v}T00:00:00.000Z` : `${v}T23:59:59.999Z`;
  if (WITH_OFFSET.test(v) && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  throw new UsageError(
    `--${which}: expected a date (2016-12-12) or a time with its offset (2016-12-12T08:00:00+02:00), got "${value}"`,
    value,
  );
}

export interface RawDigestOptions {
  since?: string;
  until?: string;
  place?: string;
  people?: string;
  lang?: string;
}

/** Checked digest options from a command line or a request; bad values name the option. */
export function digestOptions(raw: RawDigestOptions): DigestOptions {
  if (!raw.since) throw new UsageError('--since is required (e.g. --since 2016-12-12)');
  if (!raw.until) throw new UsageError('--until is required (e.g. --until 2016-12-14)');
  const since = parseBound(raw.since, 'since');
  const until = parseBound(raw.until, 'until');
  if (Date.parse(until) < Date.parse(since))
    throw new UsageError(`--until (${raw.until}) is before --since (${raw.since})`, raw.until);
  const people = (raw.people ?? 'all') as DigestPeople;
  if (people !== 'all' && people !== 'watchlist')
    throw new UsageError(`--people: expected watchlist or all, got "${raw.people}"`, raw.people);
  const lang = (raw.lang ?? 'en') as DigestLang;
  if (lang !== 'en' && lang !== 'ar') throw new UsageError(`--lang: expected en or ar, got "${raw.lang}"`, raw.lang);
  const place = raw.place?.trim();
  return { since, until, people, lang, ...(place ? { place } : {}) };
}

/** The command that reproduces a digest. */
export function digestQuery(o: DigestOptions): string {
  const quote = (s: string) => (/^[\w:.+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [
    'vigil digest',
    `--since ${o.since}`,
    `--until ${o.until}`,
    ...(o.place ? [`--place ${quote(o.place)}`] : []),
    `--people ${o.people}`,
    `--lang ${o.lang}`,
  ].join(' ');
}
