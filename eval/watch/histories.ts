import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One account's posting times (ms, ascending), from real data in ../shared/data. */
export interface History {
  id: string;
  source: 'twitter-archive' | 'mastodon-outbox' | 'crisisnlp-volunteers';
  times: number[];
}

export const SHARED_DATA = new URL('../../../shared/data/', import.meta.url).pathname;

export function sharedDataPresent(): boolean {
  return existsSync(join(SHARED_DATA, 'platform-exports'));
}

export function loadTwitterArchive(root = SHARED_DATA): History | undefined {
  const file = join(root, 'platform-exports/twitter-archive/tweets.js');
  if (!existsSync(file)) return undefined;
  const src = readFileSync(file, 'utf8');
  const rows = JSON.parse(src.slice(src.indexOf('['))) as { tweet: { created_at: string } }[];
  return {
    id: 'twitter-archive',
    source: 'twitter-archive',
    times: sortTimes(rows.map((r) => Date.parse(r.tweet.created_at))),
  };
}

export function loadMastodonOutbox(root = SHARED_DATA): History | undefined {
  const file = join(root, 'platform-exports/mastodon-outbox/outbox.json');
  if (!existsSync(file)) return undefined;
  // The file repeats the key orderedItems; JSON.parse keeps the last (the real list).
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { orderedItems: { published: string }[] };
  return {
    id: 'mastodon-outbox',
    source: 'mastodon-outbox',
    times: sortTimes(doc.orderedItems.map((i) => Date.parse(i.published))),
  };
}

/** Authors of the CrisisNLP volunteer sets with at least `minPosts` tweets (only authors and times are read). */
export function loadCrisisNlpVolunteers(minPosts: number, root = SHARED_DATA): History[] {
  const dir = join(root, 'crisisnlp-lrec2016/volunteers');
  if (!existsSync(dir)) return [];
  const byAuthor = new Map<string, number[]>();
  for (const event of readdirSync(dir, { withFileTypes: true })) {
    if (!event.isDirectory()) continue;
    for (const f of readdirSync(join(dir, event.name))) {
      if (!f.endsWith('.csv')) continue;
      const text = readFileSync(join(dir, event.name, f), 'utf8').replace(/\r\n?/g, '\n');
      const rows = parse(text, {
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        from_line: 2,
      }) as string[][];
      for (const r of rows) {
        const t = Date.parse(r[1] ?? '');
        const author = r[3]?.trim() || r[2]?.trim();
        if (!author || Number.isNaN(t)) continue;
        const key = `${author}`;
        const list = byAuthor.get(key) ?? [];
        list.push(t);
        byAuthor.set(key, list);
      }
    }
  }
  const out: History[] = [];
  for (const [author, times] of byAuthor) {
    const uniq = sortTimes([...new Set(times)]);
    if (uniq.length >= minPosts) out.push({ id: `crisisnlp:${author}`, source: 'crisisnlp-volunteers', times: uniq });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

function sortTimes(ts: number[]): number[] {
  return ts.filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
}
