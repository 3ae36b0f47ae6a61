import type { RawDigestOptions } from '../../src/report/window.ts';

/**
 * The demo digests pinned as JSON in test/fixtures/digest/ (written by the code before the digest was made
 * fast, 2026-12-04; regenerated for each new triage model by an earlier tree's digest code, the last time by
 * 932d574's, before the evening's digest speed work of 2026-12-05, with the seventh pass's model copied in): the
 * speed work must not change a byte of them.
 */
export const DEMO_DIGEST_CASES: { name: string; options: RawDigestOptions }[] = [
  { name: 'demo-2016-12-12-14-en', options: { since: '2016-12-12', until: '2016-12-14' } },
  { name: 'demo-2016-12-12-14-ar', options: { since: '2016-12-12', until: '2016-12-14', lang: 'ar' } },
  { name: 'demo-2016-12-12-14-watchlist', options: { since: '2016-12-12', until: '2016-12-14', people: 'watchlist' } },
  { name: 'demo-2016-12-12-14-sukkari', options: { since: '2016-12-12', until: '2016-12-14', place: 'السكري' } },
  { name: 'demo-2016-12-13-day', options: { since: '2016-12-13T08:00:00+02:00', until: '2016-12-13T20:00:00+02:00' } },
];
