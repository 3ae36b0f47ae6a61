// `node --import tsx bench/digest.ts`: `vigil digest` for one week, on BENCH_MESSAGES (default 200,000)
// generated messages imported WITH the analysis stages and re-timed into that one week
// (bench/dense-corpus.ts), so the window holds every message: the worst case for a week. A watchlist of the
// BENCH_PEOPLE (default 20) most prolific accounts is added, so the board is judged across the window too.
// Times buildDigest (SQLite; second call, the board and totals in a worker beside the candidate pass), the
// same digest inline (all on one thread; it must be the same), its parts, and the Markdown rendering.
// Prints a JSON line and a Markdown table, and writes that table into the digest section of
// bench/RESULTS.md (with the machine's load).
// The built data folder (bench/corpus/digest-sqlite-N) is kept between runs, as the import with analysis
// takes long (BENCH_FRESH=1 imports again); opening it runs new migrations, and one whose analysis rows
// lack the near-duplicate signature (built by older code) is brought up to date with `vigil rebuild`.
import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { digestBeside } from '../src/report/board-and-totals.ts';
import { buildDigest, SECTION_CATEGORIES } from '../src/report/build-digest.ts';
import { renderDigest } from '../src/report/render.ts';
import { renderMarkdown } from '../src/report/render-md.ts';
import { watchlistFindings } from '../src/report/watchlist-section.ts';
import { digestOptions } from '../src/report/window.ts';
import { migrations } from '../src/store/migrations/index.ts';
import { digestCandidates, windowTotals } from '../src/store/queries/digest.ts';
import { addPerson, loadWatchlist } from '../src/watch/watchlist.ts';
import { denseCorpus } from './dense-corpus.ts';
import { withDigestRun } from './digest-section.ts';
import { generateCorpus } from './generate-corpus.ts';
import { runImportChild } from './import-run.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 200_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20);
const FRESH = Boolean(process.env.BENCH_FRESH);
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const dense = join(work, `messages-${N}-one-week.jsonl`);
const dir = join(work, `digest-sqlite-${N}`);
const log = (s: string) => process.stderr.write(`${s}\n`);
const loadAtStart = os.loadavg();

if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  await generateCorpus(corpus, N, 2016);
}
if (!existsSync(dense)) {
  log(`re-timing ${corpus} into one week → ${dense}`);
  await denseCorpus(corpus, dense);
}
// Not .json: biome checks the folder's files, and the marker is not source.
const marker = join(dir, 'imported.marker');
if (existsSync(join(dir, 'imported.json')) && !existsSync(marker)) renameSync(join(dir, 'imported.json'), marker);
const schema = migrations
  .map((m) => m.name)
  .sort()
  .at(-1);
let imported: { seconds?: number; perSecond?: number; schema?: string; rebuiltSeconds?: number } & Record<
  string,
  unknown
>;
if (!FRESH && existsSync(marker)) imported = JSON.parse(readFileSync(marker, 'utf8'));
else {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`importing ${dense} with the analysis stages…`);
  imported = { ...(await runImportChild('import-child.ts', [dense, dir, 'stages'])), schema };
  writeFileSync(marker, JSON.stringify(imported));
}

const store = await openVigilStore({ dataDir: dir }); // runs any new migration on a kept folder
const unsigned = await sql<{ n: number }>`select count(*) as n from analyses where copy_key is null`.execute(store.db);
if (Number(unsigned.rows[0].n) > 0) {
  log(
    `${dir}: ${unsigned.rows[0].n} analysis rows without a near-duplicate signature (built by older code): vigil rebuild…`,
  );
  const t = performance.now();
  await store.rebuild();
  imported = { ...imported, schema, rebuiltSeconds: (performance.now() - t) / 1000 };
  writeFileSync(marker, JSON.stringify(imported));
}
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
// Added once: a kept folder already has them (each addition is a ledger event).
if ((await loadWatchlist(store)).length === 0)
  for (const [i, r] of top.rows.entries())
    await addPerson(
      store,
      {
        name: `Bench person ${i + 1}`,
        accounts: [{ platform: r.platform, handle: r.author_handle.replace(/^@/, '') }],
      },
      'bench',
      '2026-12-04T00:00:00.000Z',
    );

const options = digestOptions({ since: lo.slice(0, 10), until: hi.slice(0, 10) });
const window = { since: options.since, until: options.until };
/** Wall time, and the CPU time this process spent (user + system, every thread) and its main thread alone:
 * on a shared machine the wall time is mostly waiting for a core, the CPU time is the work; with a worker
 * beside it, the main thread's is about the wall time on an idle machine (process.threadCpuUsage, Node 23.9+). */
async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; mainCpuMs: number; value: T }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const m = process.threadCpuUsage?.();
  const value = await fn();
  const used = process.cpuUsage(c);
  const main = m ? process.threadCpuUsage(m) : { user: Number.NaN, system: 0 };
  return {
    ms: Math.round(performance.now() - t),
    cpuMs: Math.round((used.user + used.system) / 1000),
    mainCpuMs: Math.round((main.user + main.system) / 1000),
    value,
  };
}
const now = () => new Date('2026-12-05T00:00:00.000Z');
const first = await time(() => buildDigest(store, options, { now })); // includes warming up: gazetteer, caches
const total = await time(() => buildDigest(store, options, { now }));
// The same digest with the board and the totals run in turn on this thread, not beside the candidate pass.
const inline = await time(() => buildDigest(store, options, { now, beside: { worker: 'never' } }));
const candidates = await time(() =>
  digestCandidates(store.db, store.dialect, window, Object.values(SECTION_CATEGORIES), [
    'infrastructure_damage',
    'injured_or_dead',
  ]),
);
const totals = await time(() => windowTotals(store.db, window));
// The worker of the first timing alone (start, the quoted rows, board, totals): on an idle machine the digest
// takes about the longer of this and the main thread's CPU time.
const beside = await time(async () => {
  const started = digestBeside(store, window, { worker: 'always' }, Object.values(SECTION_CATEGORIES));
  await started.quoted;
  return started.parts;
});
const watch = await time(() => loadWatchlist(store));
const board = await time(() => watchlistFindings(watch.value, Date.parse(options.since), Date.parse(options.until)));
const md = await time(() => renderMarkdown(total.value));
// What the digest says, to compare runs of different code on the same data (generatedAt fixed above).
const digestSha256 = hash('sha256', await renderDigest(total.value, 'json'), 'hex');
const inlineSha256 = hash('sha256', await renderDigest(inline.value, 'json'), 'hex');
if (inlineSha256 !== digestSha256) throw new Error(`the digest differs when run inline: ${inlineSha256}`);
await store.close();

const result = {
  messages: Number(n),
  window: [options.since, options.until],
  imported,
  people: top.rows.length,
  firstDigestMs: first.ms,
  digestMs: total.ms,
  digestCpuMs: total.cpuMs,
  digestMainThreadCpuMs: total.mainCpuMs,
  besideWorkerMs: beside.ms,
  besideWorkerCpuMs: beside.cpuMs,
  inlineDigestMs: inline.ms,
  inlineDigestCpuMs: inline.cpuMs,
  parts: {
    candidatesMs: candidates.ms,
    candidatesCpuMs: candidates.cpuMs,
    candidates: candidates.value.length,
    totalsMs: totals.ms,
    loadWatchlistMs: watch.ms,
    boardAcrossWindowMs: board.ms,
    renderMarkdownMs: md.ms,
  },
  quoted: total.value.totals.quoted,
  digestSha256,
  loadAverage: { start: loadAtStart, end: os.loadavg() },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(', ');
const block = [
  `Run of ${new Date().toISOString().slice(0, 16)}Z, \`BENCH_MESSAGES=${N} node --import tsx bench/digest.ts\` (SQLite, ${os.cpus().length} cores; load average ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end).`,
  '',
  '| messages in the week | candidates | quoted | digest (s) | digest CPU (s) | main thread CPU (s) | worker alone: wall / CPU (s) | inline (s) | inline CPU (s) | first call (s) | candidate query (s) | totals (s) | board across the week (s) | Markdown (ms) | digest JSON SHA-256 |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  `| ${Number(n).toLocaleString('en')} | ${candidates.value.length.toLocaleString('en')} | ${total.value.totals.quoted.toLocaleString('en')} | ${(total.ms / 1000).toFixed(2)} | ${(total.cpuMs / 1000).toFixed(2)} | ${(total.mainCpuMs / 1000).toFixed(2)} | ${(beside.ms / 1000).toFixed(2)} / ${(beside.cpuMs / 1000).toFixed(2)} | ${(inline.ms / 1000).toFixed(2)} | ${(inline.cpuMs / 1000).toFixed(2)} | ${(first.ms / 1000).toFixed(2)} | ${(candidates.ms / 1000).toFixed(2)} | ${(totals.ms / 1000).toFixed(2)} | ${(board.ms / 1000).toFixed(2)} | ${md.ms} | \`${digestSha256.slice(0, 16)}\` |`,
].join('\n');
process.stdout.write(`\n${block}\n`);
const resultsFile = join(here, 'RESULTS.md');
if (!process.env.BENCH_NO_RESULTS)
  writeFileSync(resultsFile, withDigestRun(existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '', N, block));
