// Live collection benchmarks (never run by the tests): `node --import tsx bench/live-collection.ts`.
// 1. A local Jetstream replays BENCH_JETSTREAM_RATE posts/s (default 1,000) for BENCH_JETSTREAM_SECONDS
//    (default 60) to runJetstream with the real stages: receipt -> committed (searchable) p50/p95, posts
//    dropped, peak RSS.
// 2. A local Mastodon instance with BENCH_MASTODON_ACCOUNTS (default 500) followed accounts: time of the
//    first round (lookup + newest page each) and of a steady round (newest page each), no host spacing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { parseAllowList } from '../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { collectRound } from '../src/pipeline/collect/collector.ts';
import { runJetstream } from '../src/pipeline/collect/jetstream-runner.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { addFollow } from '../src/store/queries/live.ts';
import { tempDir } from '../test/helpers/temp-dir.ts';

const RATE = Number(process.env.BENCH_JETSTREAM_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_JETSTREAM_SECONDS ?? 60);
const ACCOUNTS = Number(process.env.BENCH_MASTODON_ACCOUNTS ?? 500);
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

async function jetstreamBench() {
  const dir = tempDir('vigil-bench-live-');
  const store = await openVigilStore({ dataDir: dir.path });
  const ctx = { store, blobs: new BlobStore(`${dir.path}/blobs`) };
  const dids = Array.from({ length: 100 }, (_, i) => `did:plc:bench${String(i).padStart(19, '0')}`);
  for (const did of dids)
    await addFollow(store.db, {
      key: `bluesky:${did}`,
      platform: 'bluesky',
      target: did,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'bench',
    });
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/subscribe' });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let sent = 0;
  const total = RATE * SECONDS;
  const done = new Promise<void>((resolve) => {
    wss.on('connection', (ws) => {
      const start = performance.now();
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
        while (sent < due) {
          const did = dids[sent % dids.length];
          const rkey = `3lbench${String(sent).padStart(10, '0')}`;
          const createdAt = new Date(Date.UTC(2016, 11, 13) + sent * 1000).toISOString();
          ws.send(
            JSON.stringify({
              did,
              time_us: 1_700_000_000_000_000 + sent,
              kind: 'commit',
              commit: {
                rev: 'x',
                operation: 'create',
                collection: 'app.bsky.feed.post',
                rkey,
                record: {
                  $type: 'app.bsky.feed.post',
                  text: `${TEXTS[sent % TEXTS.length]} #${sent}`,
                  createdAt,
                  langs: ['ar'],
                },
                cid: 'bafy',
              },
            }),
          );
          sent++;
        }
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 10);
    });
  });
  const latencies: number[] = [];
  let captured = 0;
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const controller = new AbortController();
  const running = runJetstream(ctx, {
    env: { VIGIL_JETSTREAM_URL: url, VIGIL_FETCH_ALLOW: '127.0.0.0/8' },
    signal: controller.signal,
    onBatch: (b) => {
      for (const r of b.receivedMs) latencies.push(b.committedMs - r);
      captured += b.result.captured;
    },
  });
  const t0 = performance.now();
  await done;
  for (let i = 0; i < 600 && captured < total; i++) await new Promise((r) => setTimeout(r, 100));
  const wall = (performance.now() - t0) / 1000;
  controller.abort();
  await running;
  clearInterval(rssTimer);
  const stored = Number(
    (
      await store.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  wss.close();
  http.close();
  await store.close();
  dir.remove();
  return {
    sent,
    stored,
    dropped: sent - stored,
    wall,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    max: Math.max(...latencies),
    peakRssMb: peakRss / 1e6,
  };
}

async function mastodonBench() {
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
  for (let n = 0; n < ACCOUNTS; n++)
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
  return { accounts: ACCOUNTS, first, steady };
}

log(`Jetstream replay: ${RATE} posts/s for ${SECONDS} s`);
const j = await jetstreamBench();
log(JSON.stringify(j));
log(`Mastodon: ${ACCOUNTS} followed accounts`);
const m = await mastodonBench();
log(JSON.stringify(m));
process.stdout.write(
  `${[
    `| Jetstream replay | ${RATE} posts/s × ${SECONDS} s | sent ${j.sent}, stored ${j.stored}, dropped ${j.dropped} | receipt → searchable p50 ${Math.round(j.p50)} ms, p95 ${Math.round(j.p95)} ms, max ${Math.round(j.max)} ms | peak RSS ${Math.round(j.peakRssMb)} MB |`,
    `| Mastodon polling | ${m.accounts} accounts, one local instance, no host spacing | first round ${m.first.s.toFixed(1)} s (${m.first.requests} requests, ${m.first.ok} ok) | steady round ${m.steady.s.toFixed(1)} s (${m.steady.requests} requests, ${m.steady.ok} ok) | |`,
  ].join('\n')}\n`,
);
