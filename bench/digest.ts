// `node --import tsx bench/digest.ts`: `vigil digest` for one week, on BENCH_MESSAGES (default 200,000)
// generated messages imported WITH the analysis stages and re-timed into that one week
// (bench/dense-corpus.ts), so the window holds every message: the worst case for a week. A watchlist of the
// BENCH_PEOPLE (default 20) most prolific accounts is added, so the board is judged across the window too.
// Times buildDigest (SQLite) and its parts, and the Markdown rendering. Prints a JSON line and a Markdown
// table; the data folder is removed afterwards unless BENCH_KEEP=1 (which also reuses a kept one).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { buildDigest, SECTION_CATEGORIES } from '../src/report/build-digest.ts';
import { renderMarkdown } from '../src/report/render-md.ts';
import { watchlistFindings } from '../src/report/watchlist-section.ts';
import { digestOptions } from '../src/report/window.ts';
import { digestRows, windowTotals } from '../src/store/queries/digest.ts';
import { addPerson, loadWatchlist } from '../src/watch/watchlist.ts';
import { denseCorpus } from './dense-corpus.ts';
import { generateCorpus } from './generate-corpus.ts';
import { runImportChild } from './import-run.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 200_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20);
const KEEP = Boolean(process.env.BENCH_KEEP);
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const dense = join(work, `messages-${N}-one-week.jsonl`);
const dir = join(work, `digest-sqlite-${N}`);
const log = (s: string) => process.stderr.write(`${s}\n`);

if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  await generateCorpus(corpus, N, 2016);
}
if (!existsSync(dense)) {
  log(`re-timing ${corpus} into one week → ${dense}`);
  await denseCorpus(corpus, dense);
}
const marker = join(dir, 'imported.json');
let imported: unknown;
if (KEEP && existsSync(marker)) imported = 'kept';
else {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`importing ${dense} with the analysis stages…`);
  imported = await runImportChild('import-child.ts', [dense, dir, 'stages']);
  writeFileSync(marker, JSON.stringify(imported));
}

const store = await openVigilStore({ dataDir: dir });
const span = await sql<{
  lo: string;
  hi: string;
  n: number;
}>`select min(posted_at) as lo, max(posted_at) as hi, count(*) as n from messages`.execute(store.db);
const { lo, hi, n } = span.rows[0];
const top = await sql<{
  platform: string;
  author_handle: string;
  c: number;
}>`select platform, author_handle, count(*) as c
  from messages where author_handle is not null group by platform, author_handle order by c desc limit ${PEOPLE}`.execute(
  store.db,
);
for (const [i, r] of top.rows.entries())
  await addPerson(
    store,
    { name: `Bench person ${i + 1}`, accounts: [{ platform: r.platform, handle: r.author_handle.replace(/^@/, '') }] },
    'bench',
    new Date().toISOString(),
  );

const options = digestOptions({ since: lo.slice(0, 10), until: hi.slice(0, 10) });
const window = { since: options.since, until: options.until };
async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - t), value };
}
await buildDigest(store, options); // warm-up: gazetteer, caches
const total = await time(() => buildDigest(store, options));
const rows = await time(() => digestRows(store.db, window, Object.values(SECTION_CATEGORIES)));
const totals = await time(() => windowTotals(store.db, window));
const watch = await time(() => loadWatchlist(store));
const board = await time(() => watchlistFindings(watch.value, Date.parse(options.since), Date.parse(options.until)));
const md = await time(() => renderMarkdown(total.value));
await store.close();
if (!KEEP) rmSync(dir, { recursive: true, force: true });

const result = {
  messages: Number(n),
  window: [options.since, options.until],
  imported,
  people: top.rows.length,
  digestMs: total.ms,
  parts: {
    sectionRowsMs: rows.ms,
    sectionRows: rows.value.length,
    totalsMs: totals.ms,
    loadWatchlistMs: watch.ms,
    boardAcrossWindowMs: board.ms,
    renderMarkdownMs: md.ms,
  },
  quoted: total.value.totals.quoted,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.stdout.write(
  [
    '',
    `| messages in the week | watched people | digest (s) | section rows (s) | totals (s) | board across the week (s) | Markdown (ms) |`,
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${Number(n).toLocaleString('en')} | ${top.rows.length} | ${(total.ms / 1000).toFixed(2)} | ${(rows.ms / 1000).toFixed(2)} | ${(totals.ms / 1000).toFixed(2)} | ${(board.ms / 1000).toFixed(2)} | ${md.ms} |`,
    '',
  ].join('\n'),
);
