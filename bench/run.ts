// `npm run bench`: corpus generation, raw parse, SQLite ceiling, import, search latency, analysis throughput.
// Writes bench/RESULTS.md. Never run by the tests. Options: BENCH_MESSAGES (default 1,000,000),
// BENCH_CEILING_ROWS (default 200,000), BENCH_KEEP=1 to keep the data folder. With BENCH_PG_URL (or
// VIGIL_TEST_PG_URL) set, also PostgreSQL (bench/postgres.ts; BENCH_PG_MESSAGES, default all of them).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { apiStatsSection } from './api-stats-section.ts';
import { measureCeiling } from './ceiling.ts';
import { digestSection } from './digest-section.ts';
import { exportSection } from './export-section.ts';
import { generateCorpus } from './generate-corpus.ts';
import { BENCH_PG_URL } from './pg-database.ts';
import { benchPostgres, pgMessages, sqliteSizeMb } from './postgres.ts';
import { postgresSection } from './postgres-section.ts';
import { measureRawParse } from './raw-parse.ts';
import { measureSearchGroups, QUERY_GROUPS } from './search-latency.ts';
import { statsSection } from './stats-section.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const CEILING_ROWS = Math.min(N, Number(process.env.BENCH_CEILING_ROWS ?? 200_000));
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);

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

function importRun(label: string, stages: 'stages' | 'none', file: string) {
  const dir = join(work, `data-${label}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`import (${label})`);
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'import-child.ts'), file, dir, stages], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (out.status !== 0) throw new Error(`import child failed: ${out.stderr}`);
  return { dir, ...JSON.parse(out.stdout.trim().split('\n').pop()!) };
}

const capture = importRun('capture', 'none', corpus);

log('search latency at full size');
const store = await openVigilStore({ dataDir: capture.dir });
const { oneCommon, oneRare, twoTerm } = QUERY_GROUPS;
const rows = await measureSearchGroups(store);
const total = (await store.stats()).messages;
await store.close();

// Whole import with the analysis stage (when triage is present), on a 100k slice for time's sake.
let analysis: { classifierPerSecond: number; wholeStagePerSecond: number; modelVersion: string } | undefined;
const analysisBench = join(here, 'analysis.ts');
if (existsSync(analysisBench)) {
  const mod = await import(analysisBench);
  if (typeof mod.benchAnalysis === 'function') analysis = await mod.benchAnalysis();
}
const slice = join(work, 'slice-100k.jsonl');
if (!existsSync(slice)) execFileSync('sh', ['-c', `head -n 100000 '${corpus}' > '${slice}'`]);
const analysisRun = importRun('stages', 'stages', slice);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const sqliteVersion = (await import('better-sqlite3'))
  .default(':memory:')
  .prepare('select sqlite_version() v')
  .get() as { v: string };
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const results = `# Benchmark results

Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpu}, ${os.cpus().length} cores, ${f1(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()},
Node ${process.version}, SQLite ${sqliteVersion.v} (better-sqlite3 12). Corpus: ${f0(N)} generated messages
(bench/generate-corpus.ts, seed 2016, half Arabic, half English), ${f1(corpusMb)} MB of JSONL.

| measure | result |
|---|---|
| raw read + split + JSON.parse | ${f0(raw.perSecond)} lines/s (${f1(raw.mbPerSecond)} MB/s) |
| SQLite ceiling: prebuilt rows into the same schema, indexes, both FTS tables (${f0(ceiling.rows)} rows) | ${f0(ceiling.perSecond)} rows/s |
| import, capture only (parse, validate, hash, ledger, projections, FTS): ${f0(capture.new)} messages | ${f0(capture.perSecond)} msg/s in ${f1(capture.seconds)} s |
| import ÷ SQLite ceiling | ${f0((capture.perSecond / ceiling.perSecond) * 100)}% (target ≥ 50%) |
| import ÷ raw parse | ${f0((capture.perSecond / raw.perSecond) * 100)}% |
| peak RSS of the ${f0(N)}-message import process | ${f0(capture.maxRssMb)} MB (target ≤ 1024 MB) |
| import with the pipeline stages (analysis) on the first ${f0(analysisRun.read)} messages | ${f0(analysisRun.perSecond)} msg/s, peak RSS ${f0(analysisRun.maxRssMb)} MB |
${analysis ? `| classifier alone, one core (messages per CPU-second, model ${analysis.modelVersion}) | ${f0(analysis.classifierPerSecond)} msg/s |\n| whole analysis of a message (language, category, extraction), one core | ${f0(analysis.wholeStagePerSecond)} msg/s |` : '| analysis throughput | no model in models/ |'}

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
const kept = [statsSection(previous), apiStatsSection(previous), exportSection(previous), digestSection(previous)]
  .filter(Boolean)
  .join('\n\n');
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
