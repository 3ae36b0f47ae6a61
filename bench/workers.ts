// `node --import tsx bench/workers.ts` (npm run bench runs it when PostgreSQL is configured): the job
// queue on PostgreSQL. Analysis throughput with 1 and 2 workers, queue latency from enqueue to start on
// an idle worker, and a queued import (with its analysis) with 1, 2 and 3 workers: messages/s and the
// share of its time each worker spent inside jobs. Workers are separate `vigil worker` processes.
// Options: BENCH_PG_URL (else VIGIL_TEST_PG_URL), BENCH_WORKERS_IMPORT (default 100,000),
// BENCH_WORKERS_ANALYSIS (default 20,000), BENCH_WORKERS_COUNTS (default 1,2,3).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { importPath } from '../src/pipeline/import.ts';
import { PgBossQueue } from '../src/pipeline/jobs/pg-boss-queue.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { generateCorpus } from './generate-corpus.ts';
import { BENCH_PG_URL, withThrowawayDatabase } from './pg-database.ts';

export const WORKERS_HEADING = '## Workers (job queue on PostgreSQL)';

const here = import.meta.dirname;
const VIGIL = resolve(here, '..', 'bin', 'vigil');
const IMPORT_N = Number(process.env.BENCH_WORKERS_IMPORT ?? 100_000);
const ANALYSIS_N = Number(process.env.BENCH_WORKERS_ANALYSIS ?? 20_000);
const COUNTS = (process.env.BENCH_WORKERS_COUNTS ?? '1,2,3').split(',').map(Number);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface WorkerRun {
  /** Wall time from the first job start to the last job end, seen by this process. */
  firstStart?: number;
  lastEnd?: number;
  summary?: { completed: number; failed: number; busyMs: number; elapsedMs: number };
  waits: number[];
}

/** Start `n` workers and wait for all of them to exit (they run --until-idle). */
async function runWorkers(
  n: number,
  data: string,
  url: string,
  queues: string,
  stop?: AbortSignal,
): Promise<WorkerRun[]> {
  const runs = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<WorkerRun>((done, fail) => {
          const run: WorkerRun = { waits: [] };
          const child = spawn(
            process.execPath,
            [VIGIL, '--data', data, 'worker', ...(stop ? [] : ['--until-idle']), '--json', '--queues', queues],
            { env: { ...process.env, VIGIL_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] },
          );
          stop?.addEventListener('abort', () => child.kill('SIGTERM'), { once: true });
          createInterface({ input: child.stdout }).on('line', (line) => {
            const m = JSON.parse(line);
            const now = performance.now();
            if (m.start) run.firstStart ??= now;
            if (m.job) {
              run.lastEnd = now;
              run.waits.push(m.job.waitedMs);
            }
            if (m.summary) run.summary = m.summary;
          });
          child.on('exit', (code) => (code === 0 ? done(run) : fail(new Error(`worker exited ${code}`))));
        }),
    ),
  );
  return runs;
}

function span(runs: WorkerRun[]): number {
  const starts = runs.flatMap((r) => (r.firstStart === undefined ? [] : [r.firstStart]));
  const ends = runs.flatMap((r) => (r.lastEnd === undefined ? [] : [r.lastEnd]));
  return (Math.max(...ends) - Math.min(...starts)) / 1000;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');

async function analysisBench(serverUrl: string, corpus: string, work: string) {
  return withThrowawayDatabase(serverUrl, async (url) => {
    const data = join(work, 'analysis');
    rmSync(data, { recursive: true, force: true });
    const store = await openVigilStore({ dataDir: data, databaseUrl: url });
    const blobs = new BlobStore(join(data, 'blobs'));
    log(`analysis: capture-only import of ${ANALYSIS_N} messages`);
    await importPath({ store, blobs }, corpus, { format: 'jsonl', stages: [] });
    const ids = (await store.db.selectFrom('messages').select('id').orderBy('rowkey').execute()).map((r) => r.id);
    const queue = await PgBossQueue.open(url, { store, blobs, env: process.env });
    const half = Math.floor(ids.length / 2);
    const out: { workers: number; messages: number; seconds: number }[] = [];
    for (const [workers, part] of [
      [1, ids.slice(0, half)],
      [2, ids.slice(half)],
    ] as const) {
      for (let i = 0; i < part.length; i += 500) await queue.send('analysis', { messageIds: part.slice(i, i + 500) });
      log(`analysis: ${part.length} messages, ${workers} worker(s)`);
      const runs = await runWorkers(workers, data, url, 'analysis');
      out.push({ workers, messages: part.length, seconds: span(runs) });
    }
    // Latency on an idle worker: one job every 200 ms, each a batch already analysed (the job itself is short).
    log('queue latency: 200 jobs, one every 200 ms, one idle worker');
    const stop = new AbortController();
    const worker = runWorkers(1, data, url, 'analysis', stop.signal);
    await new Promise((r) => setTimeout(r, 8000));
    for (let i = 0; i < 200; i++) {
      await queue.send('analysis', { messageIds: [ids[i]] });
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 3000));
    stop.abort();
    const [latency] = await worker;
    await queue.close();
    await store.close();
    rmSync(data, { recursive: true, force: true });
    return { throughput: out, waits: latency.waits };
  });
}

async function importBench(serverUrl: string, corpus: string, work: string, workers: number) {
  return withThrowawayDatabase(serverUrl, async (url) => {
    const data = join(work, `import-${workers}`);
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    // migrate the store and install pg-boss before the clock starts
    const store = await openVigilStore({ dataDir: data, databaseUrl: url });
    const blobs = new BlobStore(join(data, 'blobs'));
    const queue = await PgBossQueue.open(url, { store, blobs, env: process.env });
    const put = await blobs.putFile(corpus);
    log(`import: ${IMPORT_N} messages, ${workers} worker(s)`);
    const t0 = performance.now();
    await queue.send('import', { blob: put.sha256, name: 'corpus.jsonl', format: 'jsonl' });
    const runs = await runWorkers(workers, data, url, 'import,analysis');
    const seconds = (performance.now() - t0) / 1000;
    const stats = await store.stats();
    const analyzed = await store.db
      .selectFrom('analyses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await queue.close();
    await store.close();
    rmSync(data, { recursive: true, force: true });
    return {
      workers,
      messages: stats.messages,
      analyzed: Number(analyzed.n),
      seconds,
      busy: runs.map((r) => (r.summary ? r.summary.busyMs / r.summary.elapsedMs : 0)),
    };
  });
}

if (import.meta.main) {
  if (!BENCH_PG_URL) {
    log('bench/workers.ts: set BENCH_PG_URL or VIGIL_TEST_PG_URL');
    process.exit(2);
  }
  const loadBefore = os.loadavg();
  const work = join(here, 'corpus', 'workers');
  mkdirSync(work, { recursive: true });
  const importCorpus = join(work, `messages-${IMPORT_N}.jsonl`);
  const analysisCorpus = join(work, `messages-${ANALYSIS_N}.jsonl`);
  if (!existsSync(importCorpus)) await generateCorpus(importCorpus, IMPORT_N, 2016);
  if (!existsSync(analysisCorpus)) await generateCorpus(analysisCorpus, ANALYSIS_N, 2017);
  const analysis = await analysisBench(BENCH_PG_URL, analysisCorpus, work);
  const imports = [];
  for (const n of COUNTS) imports.push(await importBench(BENCH_PG_URL, importCorpus, work, n));
  const [one, two] = analysis.throughput;
  const rate = (x: { messages: number; seconds: number }) => x.messages / x.seconds;
  const lines = [
    WORKERS_HEADING,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node --import tsx bench/workers.ts\` on ${os.cpus().length} cores`,
    `(${os.cpus()[0]?.model ?? 'unknown CPU'}); load average (1, 5, 15 min) at the start ${loadBefore.map((x) => x.toFixed(2)).join(' ')},`,
    `at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' ',
      )}. On a loaded machine absolute figures are low and noisy: compare the runs within this section. Workers are separate \`vigil worker\``,
    'processes on one machine and one PostgreSQL, with --concurrency 1 (one job of each queue at a time).',
    `Sizes: BENCH_WORKERS_IMPORT=${IMPORT_N}, BENCH_WORKERS_ANALYSIS=${ANALYSIS_N}. Workers are woken by LISTEN/NOTIFY and poll every 0.5 s.`,
    '',
    '| analysis (message.analyzed, batches of 500) | messages | seconds | msg/s |',
    '|---|---|---|---|',
    ...analysis.throughput.map(
      (r) =>
        `| ${r.workers} worker${r.workers > 1 ? 's' : ''} | ${f0(r.messages)} | ${r.seconds.toFixed(1)} | ${f0(rate(r))} |`,
    ),
    '',
    `2 workers ÷ 1 worker: ${(rate(two) / rate(one)).toFixed(2)}×.`,
    '',
    `Queue latency, enqueue → start on an idle worker (${analysis.waits.length} jobs, one every 200 ms): ` +
      `p50 ${f0(percentile(analysis.waits, 50))} ms, p95 ${f0(percentile(analysis.waits, 95))} ms.`,
    '',
    `| queued import of ${f0(IMPORT_N)} messages with its analysis | messages | analysed | seconds (enqueue → last worker idle) | msg/s | busy share per worker (time with a job running) |`,
    '|---|---|---|---|---|---|',
    ...imports.map(
      (r) =>
        `| ${r.workers} worker${r.workers > 1 ? 's' : ''} | ${f0(r.messages)} | ${f0(r.analyzed)} | ${r.seconds.toFixed(1)} | ${f0(r.messages / r.seconds)} | ${r.busy.map((b) => `${Math.round(b * 100)}%`).join(', ')} |`,
    ),
    '',
    'The import job itself (read, validate, hash, append) runs in one worker; the other workers take the',
    'analysis batches it queues. Appends serialize on the ledger lock, so more workers help only as far as',
    'analysis is the larger part; on 2 shared cores a third worker mostly competes for the same CPU.',
  ];
  const section = lines.join('\n');
  const resultsFile = join(here, 'RESULTS.md');
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const at = previous.indexOf(`\n${WORKERS_HEADING}`);
  const next = at < 0 ? -1 : previous.indexOf('\n## ', at + 1);
  const md =
    at < 0
      ? `${previous.trimEnd()}\n\n${section}\n`
      : `${previous.slice(0, at + 1)}${section}\n${next < 0 ? '' : previous.slice(next)}`;
  writeFileSync(resultsFile, md);
  process.stdout.write(`${section}\n`);
}
