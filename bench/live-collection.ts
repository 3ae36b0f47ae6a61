// Live collection benchmarks (never run by the tests): `node --import tsx bench/live-collection.ts` alone
// (writes its section of bench/RESULTS.md), or as a section of `npm run bench`.
// 1. A local Jetstream (bench/jetstream-replay.ts, its own process) replays BENCH_JETSTREAM_RATE posts/s
//    (default 1,000) for BENCH_JETSTREAM_SECONDS (default 60) to runJetstream with the real stages. A
//    worker thread with its own SQLite connection (bench/search-watcher.ts) searches every 20 ms and
//    times each post from its send (≈ receipt, loopback) to the first search that finds it: p50/p95/max,
//    posts dropped, peak RSS, and the analysis backlog when the replay ends.
// 2. A local Mastodon instance with BENCH_MASTODON_ACCOUNTS (default 500) followed accounts: time of the
//    first round (lookup + newest page each) and of a steady round (newest page each), no host spacing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseAllowList } from '../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { collectRound } from '../src/pipeline/collect/collector.ts';
import type { DeferredStages } from '../src/pipeline/collect/deferred-stages.ts';
import { runJetstream } from '../src/pipeline/collect/jetstream-runner.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { addFollow } from '../src/store/queries/live.ts';
import { tempDir } from '../test/helpers/temp-dir.ts';
import { LIVE_HEADING } from './live-heading.ts';
import { watchSearch } from './search-watcher.ts';

const RATE = Number(process.env.BENCH_JETSTREAM_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_JETSTREAM_SECONDS ?? 60);
const ACCOUNTS = Number(process.env.BENCH_MASTODON_ACCOUNTS ?? 500);
const DIDS = 100;
const log = (s: string) => process.stderr.write(`${s}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const TEXTS = [
  'قصف عنيف على حي الشعار الآن، نحتاج سيارات إسعاف',
  'Shelling on al-Shaar again, 3 civilians injured near the market',
  'نحن بخير حتى الآن، الأطفال في الملجأ',
  'Evacuation buses have not arrived at Ramouseh yet',
  'استشهاد ٥ مدنيين بينهم طفلان تحت الأنقاض',
];

export async function jetstreamBench(rate = RATE, seconds = SECONDS) {
  const dir = tempDir('vigil-bench-live-');
  const store = await openVigilStore({ dataDir: dir.path });
  const ctx = { store, blobs: new BlobStore(`${dir.path}/blobs`) };
  for (let i = 0; i < DIDS; i++) {
    const did = `did:plc:bench${String(i).padStart(19, '0')}`;
    await addFollow(store.db, {
      key: `bluesky:${did}`,
      platform: 'bluesky',
      target: did,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'bench',
    });
  }
  const replay = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'jetstream-replay.ts'), String(rate), String(seconds), String(DIDS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: replay.stdout })[Symbol.asyncIterator]();
  const port = Number(/^port (\d+)$/.exec(String((await lines.next()).value))?.[1]);
  if (!port) throw new Error('jetstream replay did not start');
  const total = rate * seconds;
  const watcher = watchSearch(join(dir.path, 'vigil.db'));
  const commitLatencies: number[] = [];
  let captured = 0;
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  let deferred: DeferredStages | undefined;
  const controller = new AbortController();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const running = runJetstream(ctx, {
    env: { VIGIL_JETSTREAM_URL: `ws://127.0.0.1:${port}`, VIGIL_FETCH_ALLOW: '127.0.0.0/8' },
    signal: controller.signal,
    onDeferred: (d) => {
      deferred = d;
    },
    onBatch: (b) => {
      for (const r of b.receivedMs) commitLatencies.push(b.committedMs - r);
      captured += b.result.captured;
    },
  });
  const sentLine = String((await lines.next()).value);
  const sent = Number(/^sent (\d+)$/.exec(sentLine)?.[1] ?? Number.NaN);
  const replayWall = (performance.now() - t0) / 1000;
  for (let i = 0; i < 600 && captured < total; i++) await new Promise((r) => setTimeout(r, 100));
  const capturedWall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerPost = (cpu.user + cpu.system) / 1000 / Math.max(1, captured);
  const analysisBacklog = deferred?.waiting ?? 0;
  const seen = await watcher.stop();
  const tAnalysis = performance.now();
  await deferred?.idle();
  const analysisDrain = (performance.now() - tAnalysis) / 1000;
  controller.abort();
  await running;
  clearInterval(rssTimer);
  replay.kill();
  const count = async (table: 'messages' | 'analyses') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stored = await count('messages');
  const analysed = await count('analyses');
  await store.close();
  dir.remove();
  return {
    rate,
    seconds,
    sent,
    stored,
    dropped: sent - stored,
    analysed,
    replayWall,
    capturedWall,
    analysisBacklog,
    analysisDrain,
    seenBySearch: seen.latencies.length,
    searchPolls: seen.polls,
    p50: pct(seen.latencies, 50),
    p95: pct(seen.latencies, 95),
    max: Math.max(...seen.latencies),
    commitP50: pct(commitLatencies, 50),
    commitP95: pct(commitLatencies, 95),
    peakRssMb: peakRss / 1e6,
    cpuMsPerPost,
  };
}

export async function mastodonBench(accounts = ACCOUNTS) {
  const dir = tempDir('vigil-bench-masto-');
  const store = await openVigilStore({ dataDir: dir.path });
  const ctx = { store, blobs: new BlobStore(`${dir.path}/blobs`) };
  const statuses = (n: number) =>
    Array.from({ length: 20 }, (_, i) => ({
      id: String(110000000000000000n + BigInt(n * 100 + (19 - i))),
      created_at: new Date(Date.UTC(2016, 11, 13, 12, i)).toISOString(),
      content: `<p>${TEXTS[(n + i) % TEXTS.length]}</p>`,
      spoiler_text: '',
      language: 'ar',
      media_attachments: [],
      reblog: null,
      account: { id: String(n), acct: `u${n}`, uri: `https://social.example/users/u${n}`, display_name: `U ${n}` },
    }));
  let requests = 0;
  const http = createServer((req, res) => {
    requests++;
    const u = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (u.pathname === '/api/v1/accounts/lookup') {
      const n = Number(u.searchParams.get('acct')?.slice(1));
      return res.end(JSON.stringify({ id: String(n), acct: `u${n}`, uri: `https://social.example/users/u${n}` }));
    }
    const m = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(u.pathname);
    if (m) return res.end(JSON.stringify(u.searchParams.get('max_id') ? [] : statuses(Number(m[1]))));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  for (let n = 0; n < accounts; n++)
    await addFollow(store.db, {
      key: `mastodon:u${n}@social.example`,
      platform: 'mastodon',
      target: `u${n}@social.example`,
      baseUrl: base,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'bench',
    });
  const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.0/8'), minIntervalMs: 0 });
  const time = async () => {
    const before = requests;
    const t = performance.now();
    const entries = await collectRound(ctx, { fetcher, backfillPages: 1 });
    return { s: (performance.now() - t) / 1000, ok: entries.filter((e) => e.ok).length, requests: requests - before };
  };
  const first = await time();
  const steady = await time();
  http.close();
  await store.close();
  dir.remove();
  return { accounts, first, steady };
}

type J = Awaited<ReturnType<typeof jetstreamBench>>;
type M = Awaited<ReturnType<typeof mastodonBench>>;

/** The live section of bench/RESULTS.md, with the load the machine was under while it ran. */
export function liveSection(j: J, m: M, load: { before: string; after: string }): string {
  const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
  const politeS = m.accounts; // one request per second per host, the default spacing
  return `${LIVE_HEADING} (\`node --import tsx bench/live-collection.ts\`, also a section of \`npm run bench\`)

Measured on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, SQLite, the real stages (analysis included,
deferred after the commit). \`uptime\` before: ${load.before}; after: ${load.after}.

| what | load | outcome | latency / time | memory |
|---|---|---|---|---|
| Jetstream replay (bench/jetstream-replay.ts in its own process, ${DIDS} followed DIDs) | ${f0(j.rate)} posts/s × ${j.seconds} s | sent ${f0(j.sent)}, stored ${f0(j.stored)}, **dropped ${f0(j.dropped)}**; all captured ${j.capturedWall.toFixed(1)} s after the first frame (replay ${j.replayWall.toFixed(1)} s) | **receipt → found by a search on another connection: p50 ${f0(j.p50)} ms, p95 ${f0(j.p95)} ms**, max ${f0(j.max)} ms (${f0(j.seenBySearch)} posts timed, ${f0(j.searchPolls)} searches); receipt → commit p50 ${f0(j.commitP50)} ms, p95 ${f0(j.commitP95)} ms | peak RSS ${f0(j.peakRssMb)} MB; CPU ${j.cpuMsPerPost.toFixed(2)} ms a post until all were captured (whole process, search thread included) |
| analysis after the commit | the same posts | ${f0(j.analysisBacklog)} posts still waiting for analysis when the last was captured; analysed ${f0(j.analysed)} of ${f0(j.stored)} | backlog cleared ${j.analysisDrain.toFixed(1)} s later | |
| Mastodon polling (local instance, no host spacing) | ${f0(m.accounts)} followed accounts | first round: ${f0(m.first.requests)} requests (lookup + newest page each), ${f0(m.first.ok)} ok | first round ${m.first.s.toFixed(1)} s; steady round ${m.steady.s.toFixed(1)} s (${f0(m.steady.requests)} requests, ${f0(m.steady.ok)} ok) = ${f0(m.steady.requests / m.steady.s)} requests/s | |

- Receipt is the replay's send time written into each post (same machine, loopback, so it is at most the
  arrival time); "found" is the first 20 ms search poll (\`messages_fts match 'vigilbench'\`, newest first,
  read-only connection in a worker thread, bench/search-watcher.ts) that returns it.
- Mastodon in production is bounded by politeness and the instance's limits, not by the pipeline:
  Mastodon's documented default is 300 requests per 5 minutes per account and per IP
  (https://docs.joinmastodon.org/api/rate-limits/), i.e. 1 request/s, the same as Vigil's default spacing
  of one request per second per host (\`VIGIL_FETCH_INTERVAL_MS\`). So ${f0(m.accounts)} accounts on one
  instance take at least ${f0(politeS)} s (${(politeS / 60).toFixed(1)} min) a steady round (one request each), and
  the first round twice that (lookup + newest page); with the 5-minute interval that is at most
  300 accounts on one instance. Accounts spread over many instances poll 4 at a time in parallel; the
  streaming API (\`VIGIL_MASTODON_STREAM\`) needs one connection per instance instead of a request per
  account.
`;
}

/** RESULTS.md text with the live section in place of the old one (or appended). */
export function withLiveSection(results: string, section: string): string {
  const at = results.indexOf(`\n${LIVE_HEADING}`);
  if (at < 0) return `${results.trimEnd()}\n\n${section.trimEnd()}\n`;
  const next = results.indexOf('\n## ', at + 1);
  return `${results.slice(0, at + 1)}${section.trimEnd()}\n${next < 0 ? '' : results.slice(next)}`;
}

export async function runLiveBench(): Promise<string> {
  const before = execFileSync('uptime', { encoding: 'utf8' }).trim();
  log(`Jetstream replay: ${RATE} posts/s for ${SECONDS} s`);
  const j = await jetstreamBench();
  log(JSON.stringify(j));
  log(`Mastodon: ${ACCOUNTS} followed accounts`);
  const m = await mastodonBench();
  log(JSON.stringify(m));
  const after = execFileSync('uptime', { encoding: 'utf8' }).trim();
  return liveSection(j, m, { before, after });
}

if (import.meta.main) {
  const section = await runLiveBench();
  const file = join(import.meta.dirname, 'RESULTS.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileSync(file, withLiveSection(previous, section));
  process.stdout.write(section);
}
