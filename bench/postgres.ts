// The PostgreSQL part of the benchmark: a slice of the generated corpus imported into a throwaway
// database by the same pipeline as `vigil import` (capture only, like the SQLite import figure), then
// the same search queries as on SQLite, once as imported and once after ANALYZE.
// Runs only with BENCH_PG_URL or VIGIL_TEST_PG_URL (bench/pg-database.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { type ImportResult, runImportChild } from './import-run.ts';
import { measureBareCopy } from './pg-bare-copy.ts';
import { withThrowawayDatabase } from './pg-database.ts';
import { type LatencyRow, measureSearchGroups } from './search-latency.ts';

/** Settings read with SHOW and printed beside the figures (this machine's configuration). */
const SETTINGS = [
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'effective_cache_size',
  'max_wal_size',
  'synchronous_commit',
  'fsync',
  'random_page_cost',
  'jit',
  'max_parallel_workers_per_gather',
  'autovacuum',
];

/** One store's figures on the slice. */
export interface StoreRun {
  import: ImportResult;
  rows: LatencyRow[];
  /** Messages in the store when searched. */
  total: number;
  /** On-disk size after the import (the database, or the SQLite file with its WAL). */
  sizeMb: number;
}

export interface PostgresBench {
  messages: number;
  /** BENCH_PG_EXPLAIN_MS when set: slow searches logged their plans during this run. */
  explainMs?: number;
  /** Searches as imported: planner statistics only if autovacuum had analyzed `messages` by then. */
  postgres: StoreRun;
  /** The same searches after `ANALYZE messages`. */
  analyzedRows: LatencyRow[];
  autoAnalyzed: boolean;
  version: string;
  settings: [string, string][];
  sqlite?: StoreRun;
  /** The bare COPY of the same rows into `messages` with its indexes (bench/pg-bare-copy.ts), this run. */
  bareCopy: { rows: number; perSecond: number };
  loadBefore: number[];
  loadAfter: number[];
}

export interface PostgresBenchOptions {
  serverUrl: string;
  /** The generated corpus and how many lines it has; the slice is its first `messages` lines. */
  corpus: string;
  corpusMessages: number;
  messages: number;
  /** Folder for the slice file and the data folders. */
  work: string;
  log: (s: string) => void;
  /** SQLite on the same slice: measured here (default), given (already measured at this size), or skipped. */
  sqlite?: StoreRun | 'measure' | 'skip';
}

/**
 * How many messages the PostgreSQL part imports: BENCH_PG_MESSAGES, at most the corpus; by default the whole
 * corpus, so the SQLite figures of the same run are its twin (1M took under 6 minutes on 2 busy cores).
 */
export function pgMessages(corpusMessages: number): number {
  return Math.min(corpusMessages, Number(process.env.BENCH_PG_MESSAGES ?? corpusMessages));
}

/** The SQLite file of a data folder with its WAL and shared-memory files, in MB. */
export function sqliteSizeMb(dataDir: string): number {
  return readdirSync(dataDir)
    .filter((f) => f.startsWith('vigil.db'))
    .reduce((s, f) => s + statSync(join(dataDir, f)).size / 1e6, 0);
}

function sliceOf(o: PostgresBenchOptions): string {
  if (o.messages >= o.corpusMessages) return o.corpus;
  const slice = join(o.work, `slice-${o.messages}.jsonl`);
  if (!existsSync(slice)) execFileSync('sh', ['-c', `head -n ${o.messages} '${o.corpus}' > '${slice}'`]);
  return slice;
}

function freshDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

/** Runs `fn` with a plain client on `url`, closed afterwards. */
async function withClient<T>(url: string, fn: (one: (q: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(async (q) => {
      const row = (await c.query(q)).rows[0];
      return row ? Object.values(row)[0] : undefined;
    });
  } finally {
    await c.end();
  }
}

/**
 * BENCH_PG_EXPLAIN_MS=n: searches slower than n ms log their plan (EXPLAIN ANALYZE without timing, so the
 * figures move little) to the PostgreSQL server log, through auto_explain set on the throwaway database only.
 */
async function explainSlowSearches(url: string, log: (s: string) => void): Promise<void> {
  const threshold = Number(process.env.BENCH_PG_EXPLAIN_MS);
  if (!threshold) return;
  log(`  plans of searches over ${threshold} ms go to the server log (auto_explain)`);
  await withClient(url, async (one) => {
    const db = String(await one('select current_database()'));
    await one(`alter database ${db} set session_preload_libraries = 'auto_explain'`);
    await one(`alter database ${db} set auto_explain.log_min_duration = ${threshold}`);
    await one(`alter database ${db} set auto_explain.log_analyze = on`);
    await one(`alter database ${db} set auto_explain.log_timing = off`);
  });
}

async function measurePostgres(url: string, dataDir: string, log: (s: string) => void) {
  await explainSlowSearches(url, log);
  const store = await openVigilStore({ dataDir, databaseUrl: url });
  try {
    const autoAnalyzed = await withClient(url, async (one) =>
      Boolean(
        await one(
          `select last_analyze is not null or last_autoanalyze is not null from pg_stat_user_tables where relname = 'messages'`,
        ),
      ),
    );
    log(`  search latency as imported (messages has${autoAnalyzed ? '' : ' not'} been analyzed)`);
    const rows = await measureSearchGroups(store);
    log('  search latency after ANALYZE messages');
    await withClient(url, (one) => one('analyze messages'));
    const analyzedRows = await measureSearchGroups(store);
    const total = (await store.stats()).messages;
    return withClient(url, async (one) => {
      const settings: [string, string][] = [];
      for (const name of SETTINGS) settings.push([name, String(await one(`show ${name}`))]);
      return {
        rows,
        analyzedRows,
        autoAnalyzed,
        total,
        settings,
        version: String(await one('show server_version')),
        sizeMb: Number(await one('select pg_database_size(current_database())')) / 1e6,
      };
    });
  } finally {
    await store.close();
  }
}

async function measureSqlite(slice: string, work: string, log: (s: string) => void): Promise<StoreRun> {
  const dir = freshDir(join(work, 'data-pg-sqlite-twin'));
  try {
    log('SQLite import of the same slice');
    const imported = await runImportChild('import-child.ts', [slice, dir, 'none']);
    const store = await openVigilStore({ dataDir: dir });
    log('  search latency');
    const rows = await measureSearchGroups(store);
    const total = (await store.stats()).messages;
    await store.close();
    return { import: imported, rows, total, sizeMb: sqliteSizeMb(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPostgres(o: PostgresBenchOptions): Promise<PostgresBench> {
  const loadBefore = os.loadavg();
  const slice = sliceOf(o);
  const dir = freshDir(join(o.work, 'data-pg'));
  try {
    const pgPart = await withThrowawayDatabase(o.serverUrl, async (url) => {
      o.log(`PostgreSQL import of the first ${o.messages} messages`);
      const imported = await runImportChild('import-child-pg.ts', [slice, dir, url, 'none']);
      o.log(`  ${Math.round(imported.perSecond)} msg/s in ${imported.seconds.toFixed(1)} s`);
      return { imported, ...(await measurePostgres(url, dir, o.log)) };
    });
    const bareCopy = await withThrowawayDatabase(o.serverUrl, async (url) => {
      o.log(`bare COPY of ${o.messages} rows into messages with its indexes`);
      const bare = await measureBareCopy(slice, url, freshDir(join(o.work, 'data-pg-bare')), o.messages);
      o.log(`  ${Math.round(bare.perSecond)} rows/s`);
      return bare;
    });
    const sqlite =
      o.sqlite === 'skip'
        ? undefined
        : typeof o.sqlite === 'object'
          ? o.sqlite
          : await measureSqlite(slice, o.work, o.log);
    const { imported, rows, total, sizeMb, ...rest } = pgPart;
    return {
      messages: o.messages,
      explainMs: Number(process.env.BENCH_PG_EXPLAIN_MS) || undefined,
      postgres: { import: imported, rows, total, sizeMb },
      ...rest,
      sqlite,
      bareCopy,
      loadBefore,
      loadAfter: os.loadavg(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(o.work, 'data-pg-bare'), { recursive: true, force: true });
  }
}
