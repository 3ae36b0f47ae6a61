// `node --import tsx bench/stats.ts`: the import (capture only) and Store.stats() at BENCH_MESSAGES (default
// 200,000) on SQLite and, with BENCH_PG_URL or VIGIL_TEST_PG_URL, on a throwaway PostgreSQL database. Beside
// stats() it times the full scans of `messages` that stats() ran before the totals were kept as a projection,
// and fails if the two disagree. Prints a JSON line per store and a Markdown table; writes nothing.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import type { Store } from '../src/store/contract.ts';
import type { Database } from '../src/store/schema/database.ts';
import { generateCorpus } from './generate-corpus.ts';
import { type ImportResult, runImportChild } from './import-run.ts';
import { BENCH_PG_URL, withThrowawayDatabase } from './pg-database.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 200_000);
const ROUNDS = 20;
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);

if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  await generateCorpus(corpus, N, 2016);
}

/** What stats() reports about messages, straight from the table: three full scans. */
async function scanStats(db: Kysely<Database>) {
  const totals = await db
    .selectFrom('messages')
    .select((eb) => [
      eb.fn.countAll<number>().as('messages'),
      eb.fn.count<number>('author_id').distinct().as('authors'),
    ])
    .executeTakeFirstOrThrow();
  const group = async (col: 'platform' | 'lang') => {
    const rows = await db
      .selectFrom('messages')
      .select([col, (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(col)
      .execute();
    const out: Record<string, number> = {};
    for (const r of rows) {
      const k = ((r as Record<string, unknown>)[col] as string | null) ?? 'und';
      out[k] = (out[k] ?? 0) + Number(r.n);
    }
    return out;
  };
  return {
    messages: Number(totals.messages),
    authors: Number(totals.authors),
    byPlatform: await group('platform'),
    byLanguage: await group('lang'),
  };
}

function sortedKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

async function timed(fn: () => Promise<unknown>, rounds: number): Promise<{ p50: number; max: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

interface StatsRun {
  store: string;
  import: ImportResult;
  messages: number;
  stats: { p50: number; max: number };
  scan: { p50: number; max: number };
}

async function measure(label: string, store: Store, imported: ImportResult): Promise<StatsRun> {
  try {
    const s = await store.stats();
    const scan = await scanStats(store.db);
    const got = { messages: s.messages, authors: s.authors, byPlatform: s.byPlatform, byLanguage: s.byLanguage };
    const a = JSON.stringify({
      ...got,
      byPlatform: sortedKeys(got.byPlatform),
      byLanguage: sortedKeys(got.byLanguage),
    });
    const b = JSON.stringify({
      ...scan,
      byPlatform: sortedKeys(scan.byPlatform),
      byLanguage: sortedKeys(scan.byLanguage),
    });
    if (a !== b) throw new Error(`${label}: stats() ${a} differs from the scan ${b}`);
    log(`  stats() ${ROUNDS} rounds, then the scans 5 rounds`);
    const run = {
      store: label,
      import: imported,
      messages: s.messages,
      stats: await timed(() => store.stats(), ROUNDS),
      scan: await timed(() => scanStats(store.db), 5),
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
    return run;
  } finally {
    await store.close();
  }
}

const runs: StatsRun[] = [];
const loadBefore = os.loadavg();
const sqliteDir = join(work, 'data-stats-sqlite');
rmSync(sqliteDir, { recursive: true, force: true });
mkdirSync(sqliteDir, { recursive: true });
try {
  log(`SQLite import of ${N} messages`);
  const imported = await runImportChild('import-child.ts', [corpus, sqliteDir, 'none']);
  log(`  ${Math.round(imported.perSecond)} msg/s`);
  runs.push(await measure('SQLite', await openVigilStore({ dataDir: sqliteDir }), imported));
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}

if (BENCH_PG_URL) {
  const pgDir = join(work, 'data-stats-pg');
  rmSync(pgDir, { recursive: true, force: true });
  mkdirSync(pgDir, { recursive: true });
  try {
    await withThrowawayDatabase(BENCH_PG_URL, async (url) => {
      log(`PostgreSQL import of ${N} messages`);
      const imported = await runImportChild('import-child-pg.ts', [corpus, pgDir, url, 'none']);
      log(`  ${Math.round(imported.perSecond)} msg/s`);
      runs.push(await measure('PostgreSQL', await openVigilStore({ dataDir: pgDir, databaseUrl: url }), imported));
    });
  } finally {
    rmSync(pgDir, { recursive: true, force: true });
  }
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (t: { p50: number; max: number }) => `${t.p50.toFixed(2)} / ${t.max.toFixed(2)}`;
process.stdout.write(`
Load average (1, 5, 15 min; ${os.cpus().length} cores) at the start ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, at the end ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}.

| store | import, capture only | stats() p50 / max ms (${ROUNDS} calls) | full scans p50 / max ms (5 calls) |
|---|---|---|---|
${runs.map((r) => `| ${r.store}, ${f0(r.messages)} messages | ${f0(r.import.perSecond)} msg/s in ${r.import.seconds.toFixed(1)} s | ${ms(r.stats)} | ${ms(r.scan)} |`).join('\n')}
`);
