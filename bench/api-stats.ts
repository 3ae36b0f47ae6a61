// `node --import tsx bench/api-stats.ts`: GET /api/stats (the dashboard overview) on BENCH_MESSAGES (default
// 200,000) messages imported WITH the analysis stages, on SQLite and, with BENCH_PG_URL or VIGIL_TEST_PG_URL,
// on a throwaway PostgreSQL database. Two corpora: the generated one as it is (six months, 2016-07..12: a
// week holds ~7,600 messages) and the same messages re-timed into one week (bench/dense-corpus.ts), so
// `hours=168` covers all of them. Times the whole handler (app.inject, auth included), each of its parts,
// and the parts as they were before they were pushed into SQL (bench/api-stats-reference.ts), and fails if
// a part differs from its reference. Prints a JSON line per store and corpus and a Markdown table; writes
// nothing but the corpus and its data folders (removed afterwards unless BENCH_KEEP=1, which also reuses a
// kept SQLite folder).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { buildServer } from '../src/server/app.ts';
import { addUser, createToken } from '../src/server/auth/accounts.ts';
import { messagesPerHour } from '../src/server/stats/per-hour.ts';
import { casualtyFigures, placeCounts } from '../src/server/stats/triage-stats.ts';
import type { Store } from '../src/store/contract.ts';
import { casualtyFiguresBefore, messagesPerHourBefore, placeCountsBefore } from './api-stats-reference.ts';
import { denseCorpus } from './dense-corpus.ts';
import { generateCorpus } from './generate-corpus.ts';
import { type ImportResult, runImportChild } from './import-run.ts';
import { BENCH_PG_URL, withThrowawayDatabase } from './pg-database.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 200_000);
const KEEP = Boolean(process.env.BENCH_KEEP);
/** At most this many calls per measure after the warm-up, fewer when they take over BUDGET_MS in all. */
const ROUNDS = 10;
const BUDGET_MS = 20_000;
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const dense = join(work, `messages-${N}-one-week.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);

if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  await generateCorpus(corpus, N, 2016);
}
if (!existsSync(dense)) {
  log(`re-timing ${corpus} into one week → ${dense}`);
  await denseCorpus(corpus, dense);
}

const CASES = [
  { corpus: 'six months', file: corpus, hours: [168, 1440] },
  { corpus: 'one week', file: dense, hours: [168] },
] as const;

interface Timing {
  p50: number;
  max: number;
  calls: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  const times: number[] = [];
  const began = performance.now();
  while (times.length < ROUNDS && (times.length < 3 || performance.now() - began < BUDGET_MS)) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1], calls: times.length };
}

/** Places in the order placeCounts now gives: before, the order among equal counts was not specified. */
const byCountThenName = (p: { name: string; count: number }[]) =>
  [...p].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** The series by name: their order in the JSON was never meant (the chart sorts them). */
const keysSorted = (p: { hours: string[]; series: Record<string, number[]> }) => ({
  hours: p.hours,
  series: Object.fromEntries(Object.entries(p.series).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
});

function same(label: string, got: unknown, want: unknown) {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a !== b)
    throw new Error(`${label} differs from its reference:\n  got  ${a.slice(0, 400)}\n  want ${b.slice(0, 400)}`);
}

interface HoursRun {
  hours: number;
  /** Messages counted in the window (the sum of series.all). */
  inWindow: number;
  handler: Timing;
  perHour: Timing;
  perHourBefore: Timing;
}

interface Run {
  store: string;
  corpus: string;
  import: ImportResult;
  messages: number;
  analyses: number;
  messagePlaces: number;
  stats: Timing;
  casualties: Timing;
  casualtiesBefore: Timing;
  places: Timing;
  placesBefore: Timing;
  windows: HoursRun[];
}

async function measure(label: string, corpusLabel: string, store: Store, dir: string, imported: ImportResult) {
  const app = await buildServer({ store, blobs: new BlobStore(join(dir, 'blobs')), webRoot: false, log: false });
  try {
    await addUser(store, { username: 'bench', role: 'viewer' }, 'bench').catch(() => undefined);
    const { token } = await createToken(store, 'bench', 'bench');
    const headers = { authorization: `Bearer ${token}` };
    const ctx = { store };
    const count = async (table: 'analyses' | 'message_places') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    same(`${label} casualties`, await casualtyFigures(ctx), await casualtyFiguresBefore(store));
    same(`${label} places`, await placeCounts(ctx), byCountThenName(await placeCountsBefore(store)));
    const windows: HoursRun[] = [];
    for (const hours of CASES.find((c) => c.corpus === corpusLabel)!.hours) {
      const perHour = await messagesPerHour(ctx, hours);
      same(`${label} perHour(${hours})`, keysSorted(perHour), keysSorted(await messagesPerHourBefore(store, hours)));
      const res = await app.inject({ url: `/api/stats?hours=${hours}`, headers });
      if (res.statusCode !== 200) throw new Error(`${label}: GET /api/stats ${res.statusCode} ${res.body}`);
      log(`  hours=${hours}: handler, perHour, perHour before`);
      windows.push({
        hours,
        inWindow: perHour.series.all.reduce((a, b) => a + b, 0),
        handler: await timed(() => app.inject({ url: `/api/stats?hours=${hours}`, headers })),
        perHour: await timed(() => messagesPerHour(ctx, hours)),
        perHourBefore: await timed(() => messagesPerHourBefore(store, hours)),
      });
    }
    log('  stats(), casualties, places (after, before)');
    const run: Run = {
      store: label,
      corpus: corpusLabel,
      import: imported,
      messages: (await store.stats()).messages,
      analyses: await count('analyses'),
      messagePlaces: await count('message_places'),
      stats: await timed(() => store.stats()),
      casualties: await timed(() => casualtyFigures(ctx)),
      casualtiesBefore: await timed(() => casualtyFiguresBefore(store)),
      places: await timed(() => placeCounts(ctx)),
      placesBefore: await timed(() => placeCountsBefore(store)),
      windows,
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
    return run;
  } finally {
    await app.close();
    await store.close();
  }
}

const runs: Run[] = [];
const loadBefore = os.loadavg();
for (const c of CASES) {
  const dir = join(work, `data-api-stats-sqlite-${c.corpus.replace(' ', '-')}`);
  const marker = join(dir, 'imported.json');
  let imported: ImportResult;
  if (KEEP && existsSync(marker)) {
    log(`SQLite: reusing ${dir}`);
    imported = JSON.parse(readFileSync(marker, 'utf8'));
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`SQLite import of ${c.file} with the analysis stages`);
    imported = await runImportChild('import-child.ts', [c.file, dir, 'stages']);
    writeFileSync(marker, JSON.stringify(imported));
    log(`  ${Math.round(imported.perSecond)} msg/s`);
  }
  try {
    runs.push(await measure('SQLite', c.corpus, await openVigilStore({ dataDir: dir }), dir, imported));
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

if (BENCH_PG_URL) {
  for (const c of CASES) {
    const dir = join(work, 'data-api-stats-pg');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      await withThrowawayDatabase(BENCH_PG_URL, async (url) => {
        log(`PostgreSQL import of ${c.file} with the analysis stages`);
        const imported = await runImportChild('import-child-pg.ts', [c.file, dir, url, 'stages']);
        log(`  ${Math.round(imported.perSecond)} msg/s`);
        const store = await openVigilStore({ dataDir: dir, databaseUrl: url });
        runs.push(await measure('PostgreSQL', c.corpus, store, dir, imported));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (t: Timing) => `${t.p50 < 10 ? t.p50.toFixed(1) : f0(t.p50)} / ${t.max < 10 ? t.max.toFixed(1) : f0(t.max)}`;
process.stdout.write(`
Load average (1, 5, 15 min; ${os.cpus().length} cores) at the start ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, at the end ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}.

p50 / max ms; before = the parts as at 072d5a9 (bench/api-stats-reference.ts).

| store, corpus | hours | in window | GET /api/stats | perHour | perHour before | stats() | casualties | casualties before | places | places before |
|---|---|---|---|---|---|---|---|---|---|---|
${runs
  .flatMap((r) =>
    r.windows.map(
      (w) =>
        `| ${r.store}, ${r.corpus} | ${w.hours} | ${f0(w.inWindow)} | ${ms(w.handler)} | ${ms(w.perHour)} | ${ms(w.perHourBefore)} | ${ms(r.stats)} | ${ms(r.casualties)} | ${ms(r.casualtiesBefore)} | ${ms(r.places)} | ${ms(r.placesBefore)} |`,
    ),
  )
  .join('\n')}

${runs.map((r) => `${r.store}, ${r.corpus}: ${f0(r.messages)} messages, ${f0(r.analyses)} analyses, ${f0(r.messagePlaces)} message_places rows; import with the stages ${f0(r.import.perSecond)} msg/s.`).join('\n')}
`);
