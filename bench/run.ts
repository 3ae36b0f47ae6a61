// `npm run bench`: corpus generation, raw parse, SQLite ceiling, import, search latency, analysis throughput,
// then the evidence export, the digest of a week, capture, blob store and live collection sections, and with
// PostgreSQL the job queue's workers (bench/workers.ts), each in its own process.
// Writes bench/RESULTS.md. Never run by the tests. Options: BENCH_MESSAGES (default 1,000,000),
// BENCH_CEILING_ROWS (default 200,000), BENCH_STAGES_MESSAGES (the import with analysis, default
// 200,000), BENCH_KEEP=1 to keep the data folder. Import figures are ratios to the bare SQLite insert
// (bench/bare-insert.ts) of the same rows measured in the same run (issue 18). With BENCH_PG_URL (or
// VIGIL_TEST_PG_URL) set, also PostgreSQL (bench/postgres.ts; BENCH_PG_MESSAGES, default all of them).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { measureBareInsert } from './bare-insert.ts';
import { measureCeiling } from './ceiling.ts';
import { diskUsage, diskUsageTable } from './disk-usage.ts';
import { generateCorpus } from './generate-corpus.ts';
import { BENCH_PG_URL } from './pg-database.ts';
import { benchPostgres, pgMessages, sqliteSizeMb } from './postgres.ts';
import { POSTGRES_HEADING, postgresSection } from './postgres-section.ts';
import { measureRawParse } from './raw-parse.ts';
import { measureSearchGroups, QUERY_GROUPS } from './search-latency.ts';
import { carriedSections } from './stats-section.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const CEILING_ROWS = Math.min(N, Number(process.env.BENCH_CEILING_ROWS ?? 200_000));
const STAGES_MESSAGES = Math.min(N, Number(process.env.BENCH_STAGES_MESSAGES ?? 200_000));
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);
// The machine may be shared: the load average at the start and at the end go with the figures.
const loadAtStart = os.loadavg();

if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  const t = performance.now();
  await generateCorpus(corpus, N, 2016);
  log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const corpusMb = statSync(corpus).size / 1e6;

log('raw read + split + JSON.parse');
const raw = await measureRawParse(corpus);

log(`SQLite ceiling on ${CEILING_ROWS} prebuilt rows`);
const ceilingDir = join(work, 'ceiling');
rmSync(ceilingDir, { recursive: true, force: true });
mkdirSync(ceilingDir, { recursive: true });
const ceiling = await measureCeiling(corpus, ceilingDir, CEILING_ROWS);
rmSync(ceilingDir, { recursive: true, force: true });
mkdirSync(ceilingDir, { recursive: true });
log(`bare SQLite insert (one table, unique index, FTS5) of ${N} rows`);
const bare = await measureBareInsert(corpus, ceilingDir, N);
rmSync(ceilingDir, { recursive: true, force: true });

/** Bytes under a folder (the store after close: its WAL is checkpointed into the file then). */
function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

function importRun(label: string, stages: 'stages' | 'none', file: string) {
  const dir = join(work, `data-${label}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`import (${label})`);
  const started = performance.now();
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'import-child.ts'), file, dir, stages], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (out.status !== 0) throw new Error(`import child failed: ${out.stderr}`);
  const wholeSeconds = (performance.now() - started) / 1000;
  const r = JSON.parse(out.stdout.trim().split('\n').pop()!);
  return { dir, ...r, wholeSeconds, wholePerSecond: r.new / wholeSeconds, bytes: dirBytes(dir) };
}

const capture = importRun('capture', 'none', corpus);
const disk = diskUsage(capture.dir);

log('search latency at full size');
const store = await openVigilStore({ dataDir: capture.dir });
const { oneCommon, oneRare, twoTerm } = QUERY_GROUPS;
const rows = await measureSearchGroups(store);
const total = (await store.stats()).messages;
const trigramBuilt =
  Number(
    (
      (await sql`select count(*) as n from messages_tri_backlog`.execute(store.db)).rows[0] as {
        n: number;
      }
    ).n,
  ) === 0;
await store.close();

// Whole import with the analysis stage (when triage is present), on a 100k slice for time's sake.
let analysis: import('./analysis.ts').AnalysisBench | undefined;
const analysisBench = join(here, 'analysis.ts');
if (existsSync(analysisBench)) {
  const mod = await import(analysisBench);
  if (typeof mod.benchAnalysis === 'function') analysis = await mod.benchAnalysis();
}
const slice = STAGES_MESSAGES === N ? corpus : join(work, `slice-${STAGES_MESSAGES}.jsonl`);
if (!existsSync(slice)) execFileSync('sh', ['-c', `head -n ${STAGES_MESSAGES} '${corpus}' > '${slice}'`]);
const analysisRun = importRun('stages', 'stages', slice);
// The bare insert's rate on the stages run's size: the same rows when sizes match, else its first rows.
const bareForStages =
  STAGES_MESSAGES === N
    ? bare
    : await (async () => {
        mkdirSync(ceilingDir, { recursive: true });
        const b = await measureBareInsert(corpus, ceilingDir, STAGES_MESSAGES);
        rmSync(ceilingDir, { recursive: true, force: true });
        return b;
      })();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const sqliteVersion = (await import('better-sqlite3'))
  .default(':memory:')
  .prepare('select sqlite_version() v')
  .get() as { v: string };
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const meets = (ok: boolean) => (ok ? 'met' : '**not met**');
const captureRatio = capture.wholePerSecond / bare.perSecond;
const stagesRatio = analysisRun.wholePerSecond / bareForStages.perSecond;
const bytesPerMessage = capture.bytes / capture.new;
const stagesBytesPerMessage = analysisRun.bytes / analysisRun.new;
const results = `# Benchmark results

Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}; load average
${loadAtStart.map(f2).join(' ')} at the start, ${os.loadavg().map(f2).join(' ')} at the end.
Machine: ${cpu}, ${os.cpus().length} cores, ${f1(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()},
Node ${process.version}, SQLite ${sqliteVersion.v} (better-sqlite3 12). Corpus: ${f0(N)} generated messages
(bench/generate-corpus.ts, seed 2016, half Arabic, half English), ${f1(corpusMb)} MB of JSONL.

Issue 18's figures, as ratios to the bare SQLite insert of the same rows in this run (bench/bare-insert.ts:
one table with a unique index and an FTS5 index, prepared statements, 1000 rows a transaction). *Whole
process* is from spawning \`node --import tsx bench/import-child.ts\` to its exit (start-up, opening the
store, the import, closing it); *in process* leaves out start-up and open/close.

| issue 18 | result | target |
|---|---|---|
| bare SQLite insert, ${f0(bare.rows)} rows | ${f0(bare.perSecond)} rows/s | (the 1.0) |
| import, capture only, whole process ÷ bare | ${f2(captureRatio)} (${f0(capture.wholePerSecond)} msg/s; in process ${f0(capture.perSecond)}) | ≥ 0.25: ${meets(captureRatio >= 0.25)} |
| import with analysis (${f0(analysisRun.new)} messages), whole process ÷ bare of ${f0(bareForStages.rows)} rows | ${f2(stagesRatio)} (${f0(analysisRun.wholePerSecond)} msg/s; bare ${f0(bareForStages.perSecond)}) | ≥ 0.15: ${meets(stagesRatio >= 0.15)} |
| disk a message after the capture-only import (database after close, blobs) | ${f0(bytesPerMessage)} bytes (${f1(capture.bytes / 1e6)} MB) | ≤ 2048 at 200k: ${meets(bytesPerMessage <= 2048)} |
| disk a message after the import with analysis | ${f0(stagesBytesPerMessage)} bytes (${f1(analysisRun.bytes / 1e6)} MB) | |
| peak RSS, capture-only import of ${f0(N)} | ${f0(capture.maxRssMb)} MB | ≤ 1024 MB at 1M${N >= 1_000_000 ? `: ${meets(capture.maxRssMb <= 1024)}` : ' (not measured at 1M in this run)'} |

Where the bytes go after the capture-only import (the store closed; bench/disk-usage.ts, SQLite's \`dbstat\`;
FTS5 shadow tables counted with their virtual table):

${diskUsageTable(disk, capture.new)}

The trigram index (partial-word search) is not written by the import: the first partial-word search
indexes the messages listed on its backlog (src/store/search/trigram-backlog.ts). The disk figures above
are without it; the store size after the search benchmark below includes it only if one of those searches
fell back to partial words (${trigramBuilt ? 'it did' : 'none did'}).

| measure | result |
|---|---|
| raw read + split + JSON.parse | ${f0(raw.perSecond)} lines/s (${f1(raw.mbPerSecond)} MB/s) |
| SQLite ceiling: prebuilt rows into the same schema, indexes, both FTS tables (${f0(ceiling.rows)} rows) | ${f0(ceiling.perSecond)} rows/s |
| import, capture only (parse, validate, hash, ledger, projections, FTS): ${f0(capture.new)} messages | ${f0(capture.perSecond)} msg/s in ${f1(capture.seconds)} s (main thread CPU ${f1(capture.mainCpuSeconds)} s) |
| import ÷ SQLite ceiling | ${f0((capture.perSecond / ceiling.perSecond) * 100)}% (target ≥ 50%) |
| import ÷ raw parse | ${f0((capture.perSecond / raw.perSecond) * 100)}% |
| peak RSS of the ${f0(N)}-message import process | ${f0(capture.maxRssMb)} MB (target ≤ 1024 MB) |
| import with the pipeline stages (analysis) on the first ${f0(analysisRun.read)} messages | ${f0(analysisRun.perSecond)} msg/s, peak RSS ${f0(analysisRun.maxRssMb)} MB; CPU ${f1(analysisRun.cpuSeconds)} s, of it the main thread ${f1(analysisRun.mainCpuSeconds)} s (analysis workers: ${process.env.VIGIL_ANALYSIS_WORKERS ?? 'default'}) |
| store size after the search benchmark (store still open: WAL included) | ${f1(dirBytes(capture.dir) / 1e6)} MB, ${f0(dirBytes(capture.dir) / capture.new)} bytes a message |
${analysis ? `| classifier alone, one core (messages per CPU-second, model ${analysis.modelVersion}) | ${f0(analysis.classifierPerSecond)} msg/s |\n| whole analysis of a message (language, category, extraction; the team's siege messages and bench samples), one core | ${f0(analysis.wholeStagePerSecond)} msg/s (target ≥ ${f0(analysis.target)}: ${meets(analysis.wholeStagePerSecond >= analysis.target)}) |\n| memory kept per language detection that reaches fastText (RSS growth over 200,000) | ${f0(analysis.languageBytesKeptPerCall)} bytes (target ≤ 8, nothing kept: ${meets(analysis.languageBytesKeptPerCall <= 8)}) |` : '| analysis throughput | no model in models/ |'}

Search on SQLite at ${f0(total)} messages, limit 20, ms per query (each query ${5} rounds after a warm-up;
ranked search scores the newest 1,000 matches):

| query set | queries | p50 ms | p95 ms | mean hits |
|---|---|---|---|---|
${rows.map((r) => `| ${r.label} | ${r.queries} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.meanHits.toFixed(1)} |`).join('\n')}

Targets: newest-first p95 ≤ 20 ms, ranked p95 ≤ 100 ms. Common terms: ${oneCommon.join(', ')}; rarer: ${oneRare.join(', ')};
two-term: ${twoTerm.join(' / ')}.
`;
const resultsFile = join(here, 'RESULTS.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
// Every hand-written or separately measured section of the last RESULTS.md stays (profile, stats, export,
// digest, live collection, capture, disk...); the PostgreSQL one too unless this run measures it again.
const kept = carriedSections(previous, BENCH_PG_URL ? [POSTGRES_HEADING] : []);
const md = kept ? `${results}\n${kept}\n` : results;
writeFileSync(resultsFile, md);
process.stdout.write(md);

// PostgreSQL last, after the SQLite results are written. At the full size the SQLite figures above are its twin.
if (BENCH_PG_URL) {
  const messages = pgMessages(N);
  const twin = messages === N ? { import: capture, rows, total, sizeMb: sqliteSizeMb(capture.dir) } : 'measure';
  const pgBench = await benchPostgres({
    serverUrl: BENCH_PG_URL,
    corpus,
    corpusMessages: N,
    messages,
    work,
    log,
    sqlite: twin,
  });
  const section = postgresSection(pgBench);
  writeFileSync(join(here, 'RESULTS.md'), `${md}\n${section}`);
  process.stdout.write(`\n${section}`);
}
if (!process.env.BENCH_KEEP)
  for (const d of [capture.dir, analysisRun.dir]) rmSync(d, { recursive: true, force: true });

// The evidence export (bench/export-bag.ts, 100k messages), in its own process; alone: npm run bench:export.
// BENCH_EXPORT=0 skips it (its last figures stay in RESULTS.md).
if (process.env.BENCH_EXPORT !== '0') {
  const ex = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'export-bag.ts')], { stdio: 'inherit' });
  if (ex.status !== 0) log('evidence export bench failed');
}

// The digest of one week holding BENCH_DIGEST_MESSAGES (default BENCH_MESSAGES) messages (bench/digest.ts),
// in its own process; it writes its own rows into RESULTS.md. BENCH_DIGEST=0 skips it. Its data folder is
// kept between runs: the import with analysis of a million messages takes long.
if (process.env.BENCH_DIGEST !== '0') {
  const dg = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'digest.ts')], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_MESSAGES: String(Number(process.env.BENCH_DIGEST_MESSAGES ?? N)) },
  });
  if (dg.status !== 0) log('digest bench failed');
}

// Capture (bench/capture.ts: captures per minute with and without Chromium screenshots, the worker's peak
// RSS), in its own process so that its RSS is the capture worker's alone. BENCH_CAPTURE=0 skips it (its
// last figures stay in RESULTS.md); BENCH_CAPTURE_PAGES sets the pages (default 60).
if (process.env.BENCH_CAPTURE !== '0') {
  log('capture');
  const cap = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'capture.ts')], { stdio: 'inherit' });
  if (cap.status !== 0) log('capture bench failed');
}

// Blob store throughput, folder vs S3 (bench/blob-store.ts, s3rver on 127.0.0.1), in its own process.
// BENCH_BLOBS=0 skips it (its last figures stay in RESULTS.md).
if (process.env.BENCH_BLOBS !== '0') {
  const bl = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'blob-store.ts')], { stdio: 'inherit' });
  if (bl.status !== 0) log('blob store bench failed');
}

// Live collection (bench/live-collection.ts: Jetstream replay receipt -> searchable, 500 Mastodon accounts),
// in its own process, which rewrites its section of RESULTS.md. BENCH_LIVE=0 skips it.
if (process.env.BENCH_LIVE !== '0') {
  const live = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'live-collection.ts')], { stdio: 'inherit' });
  if (live.status !== 0) log('live collection bench failed');
}

// The job queue on PostgreSQL (bench/workers.ts): separate worker processes, in its own process; it
// replaces its own section of RESULTS.md. BENCH_WORKERS=0 skips it.
if (BENCH_PG_URL && process.env.BENCH_WORKERS !== '0') {
  const wk = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'workers.ts')], { stdio: 'inherit' });
  if (wk.status !== 0) log('workers bench failed');
}
