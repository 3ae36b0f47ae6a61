// Capture throughput: small pages from a local server through the whole capture path (fetch guard,
// blobs, WARC, WACZ, ledger), with and without Chromium screenshots, and the worker's peak RSS.
// `npm run bench` runs it in its own process (BENCH_CAPTURE=0 skips it); alone: `node --import tsx
// bench/capture.ts` (BENCH_CAPTURE_PAGES, default 60). It replaces the "Capture" section of
// bench/RESULTS.md, with the machine's load (uptime) before and after. Never run by the tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { CAPTURE_REQUESTED } from '../src/core/capture-events.ts';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { captureWorkerFromEnv } from '../src/evidence/capture/capture-runner.ts';
import { defaultEnrichers } from '../src/evidence/capture/enrichers.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { localServer } from '../test/helpers/local-server.ts';
import { withCaptureSection } from './capture-section.ts';

const PAGES = Number(process.env.BENCH_CAPTURE_PAGES ?? 60);
const log = (s: string) => process.stderr.write(`${s}\n`);

const server = await localServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html><head><title>${req.url}</title></head><body><h1>Page ${req.url}</h1>` +
      `<p>${'Shelling reported near the hospital. '.repeat(40)}</p></body></html>`,
  );
});

async function measure(screenshots: boolean, pages: number) {
  const dir = mkdtempSync(join(os.tmpdir(), 'vigil-bench-capture-'));
  const store = await openVigilStore({ dataDir: dir });
  const blobs = new BlobStore(join(dir, 'blobs'));
  const tag = screenshots ? 'shot' : 'plain';
  for (let i = 0; i < pages; i++)
    await store.append([
      {
        kind: CAPTURE_REQUESTED,
        at: new Date().toISOString(),
        actor: 'bench',
        payload: {
          messageId: (i + 1).toString(16).padStart(64, '0'),
          requests: [{ url: `${server.url}/${tag}/${i}`, kind: 'page' }],
        },
      },
    ]);
  const env = { ...process.env, VIGIL_FETCH_ALLOW: '127.0.0.1/32', VIGIL_CAPTURE_HOST_INTERVAL_MS: '0' };
  const enrichers = await defaultEnrichers({ screenshots, env });
  const worker = captureWorkerFromEnv({ store, blobs, env, enrichers: enrichers.list, concurrency: 2 });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t = performance.now();
  const summary = await worker.drain();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  await enrichers.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (summary.completed !== pages) throw new Error(`only ${summary.completed} of ${pages} captured`);
  return { perMinute: (pages / seconds) * 60, seconds, peakMb: peak / 2 ** 20 };
}

const uptime = () => execFileSync('uptime').toString().trim();
const loadBefore = uptime();
log(`${PAGES} pages without screenshots`);
const plain = await measure(false, PAGES);
log(`${PAGES} pages with screenshots`);
const shots = await measure(true, PAGES);
await server.close();
const loadAfter = uptime();

const chromium = (() => {
  try {
    return execFileSync('/usr/bin/chromium', ['--version']).toString().trim();
  } catch {
    return 'none';
  }
})();
const section = `## Capture

Measured by \`node --import tsx bench/capture.ts\` (the capture part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}, at niceness ${os.getPriority()}.
${os.cpus().length} cores, Node ${process.version}, ${chromium}. ${PAGES} small HTML pages (about 1.5 kB) from a
local server on 127.0.0.1, each through the whole capture path: fetch guard, bodies to the blob store, WARC (warcio),
WACZ (js-wacz), capture.completed on the SQLite ledger; 2 captures at once, no per-host spacing.
Load (\`uptime\`) before: \`${loadBefore}\`; after: \`${loadAfter}\`. The machine is shared, so these are floors;
the ratio of the two rates, measured in one run, is the steadier figure.

| measure | result |
|---|---|
| captures per minute, fetch + WARC + WACZ only (\`--no-screenshots\`) | ${plain.perMinute.toFixed(0)} (${plain.seconds.toFixed(1)} s) |
| captures per minute, with a full-page Chromium screenshot, DOM and text | ${shots.perMinute.toFixed(0)} (${shots.seconds.toFixed(1)} s) |
| screenshots' cost (rate without / rate with) | ${(plain.perMinute / shots.perMinute).toFixed(1)}× |
| peak RSS of the capture worker process, without screenshots | ${plain.peakMb.toFixed(0)} MB |
| peak RSS of the capture worker process, with screenshots (Chromium's own processes not included) | ${shots.peakMb.toFixed(0)} MB |

Packing the WACZ dominates a plain capture (js-wacz starts a worker-thread pool for every archive, which
wacz-pack.ts ends after each WACZ: before that, a run without screenshots reached 1,494 MB of RSS).
`;
const results = join(import.meta.dirname, 'RESULTS.md');
writeFileSync(results, withCaptureSection(readFileSync(results, 'utf8'), section));
log(section);
