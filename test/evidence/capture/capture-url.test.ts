import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WARCParser } from 'warcio';
import {
  CAPTURE_COMPLETED,
  CAPTURE_FAILED,
  CAPTURE_REQUESTED,
  type CaptureCompletedPayload,
  type CaptureFailedPayload,
  CaptureCompletedPayload as CompletedSchema,
  captureJobId,
} from '../../../src/core/capture-events.ts';
import { sha256Hex } from '../../../src/core/hash.ts';
import type { LedgerEvent } from '../../../src/core/ledger-event.ts';
import { parseAllowList } from '../../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { urlCapturer } from '../../../src/evidence/capture/capture-url.ts';
import { checkWacz, unzipAll } from '../../../src/evidence/capture/wacz-read.ts';
import { CaptureWorker } from '../../../src/evidence/capture/worker.ts';
import { type CaptureSite, captureSite } from '../../helpers/capture-site.ts';
import { sqliteFactory, type TestStore } from '../../helpers/stores.ts';

const MSG = 'c'.repeat(64);

function fetcher(allow: string) {
  return new PoliteFetcher({
    allow: parseAllowList(allow),
    minIntervalMs: 0,
    retries: 0,
    timeoutMs: 500,
    maxBytes: 1024 * 1024,
    userAgent: 'VigilTest/1 (capture tests)',
  });
}

async function captureAll(t: TestStore, allow: string, urls: string[], maxAttempts = 1) {
  if (urls.length)
    await t.store.append([
      {
        kind: CAPTURE_REQUESTED,
        at: new Date().toISOString(),
        actor: 'system',
        payload: { messageId: MSG, requests: urls.map((url) => ({ url, kind: 'link' })) },
      },
    ]);
  const blobs = new BlobStore(join(t.dir, 'blobs'));
  const tools = { vigil: 'test', warcio: 'x', 'js-wacz': 'y' };
  const worker = new CaptureWorker({
    store: t.store,
    capture: urlCapturer({ fetcher: fetcher(allow), blobs, tools }),
    tools,
    maxAttempts,
    concurrency: 1,
  });
  const summary = await worker.drain();
  const events = new Map<string, LedgerEvent>();
  for await (const e of t.store.readLedger())
    if (e.kind === CAPTURE_COMPLETED || e.kind === CAPTURE_FAILED) events.set((e.payload as { url: string }).url, e);
  return { summary, events, blobs };
}

describe('capturing a URL', () => {
  let site: CaptureSite;
  let t: TestStore;
  before(async () => {
    site = await captureSite();
    site.slowMs = 2000;
    t = await sqliteFactory();
  });
  after(async () => {
    await site.close();
    await t.dispose();
  });

  it('follows a short link through its redirects, keeps every answer, and packs a WACZ that checks out', async () => {
    const url = `${site.url}/t/abc`;
    const { events, blobs } = await captureAll(t, '127.0.0.1/32', [url]);
    const e = events.get(url);
    assert.equal(e?.kind, CAPTURE_COMPLETED);
    const p = CompletedSchema.parse(e.payload) as CaptureCompletedPayload;
    assert.equal(p.jobId, captureJobId(MSG, url));
    assert.equal(p.finalUrl, `${site.url}/page`);
    assert.equal(p.status, 200);
    assert.equal(p.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(p.headers['set-cookie'], undefined);
    assert.deepEqual(
      p.resources.map((r) => [new URL(r.url).pathname, r.status]),
      [
        ['/t/abc', 301],
        ['/bit/xyz', 302],
        ['/page', 200],
      ],
    );
    const page = await blobs.get(p.resources[2].body.sha256);
    assert.match(page.toString(), /Aleppo shelters/);
    assert.equal(p.tools.warcio, 'x');

    // the WARC: request and response for each hop, digests as warcio computes them
    const warc = await blobs.get(p.warc.sha256);
    const records: { type: string; uri: string; status?: number; body: Uint8Array }[] = [];
    for await (const r of new WARCParser([new Uint8Array(warc)])) {
      const body = await r.readFully(false);
      records.push({
        type: r.warcType ?? '',
        uri: r.warcTargetURI ?? '',
        status: r.httpHeaders ? Number(r.httpHeaders.statusCode) : undefined,
        body,
      });
      if (r.warcType === 'response') {
        const payloadDigest = r.warcHeaders.headers.get('WARC-Payload-Digest') ?? '';
        assert.ok(payloadDigest.startsWith('sha256:'), payloadDigest);
      }
    }
    assert.deepEqual(
      records.map((r) => r.type),
      ['warcinfo', 'response', 'request', 'response', 'request', 'response', 'request'],
    );
    const final = records.find((r) => r.type === 'response' && r.uri.endsWith('/page'));
    assert.equal(sha256Hex(final?.body ?? new Uint8Array()), p.resources[2].body.sha256);

    // the WACZ: datapackage digests, read back independently of Vigil's checker
    const wacz = await blobs.get(p.wacz.sha256);
    const files = await unzipAll(wacz);
    const dp = JSON.parse(files.get('datapackage.json')?.toString() ?? '{}');
    assert.equal(dp.mainPageUrl, `${site.url}/page`);
    assert.ok(dp.resources.length >= 3);
    for (const r of dp.resources) assert.equal(r.hash, `sha256:${sha256Hex(files.get(r.path) ?? '')}`, r.path);
    const digest = JSON.parse(files.get('datapackage-digest.json')?.toString() ?? '{}');
    assert.equal(digest.hash, `sha256:${sha256Hex(files.get('datapackage.json') ?? '')}`);
    assert.match(files.get('indexes/index.cdx')?.toString() ?? '', /\/page/);
    assert.deepEqual((await checkWacz(wacz)).problems, []);
    // a flipped byte in the packed WARC is caught
    const broken = Buffer.from(wacz);
    const gz = broken.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
    broken[(gz > 0 ? gz : broken.length >> 1) + 60] ^= 0xff;
    assert.equal((await checkWacz(broken)).ok, false);
  });

  it('a 404 is captured (the page is gone), a huge body and a redirect to a loopback address outside the allowance fail', async () => {
    const urls = [`${site.url}/nothing-here`, `${site.url}/huge`, `${site.url}/to-other-loopback`];
    const { events } = await captureAll(t, '127.0.0.1/32', urls);
    const gone = events.get(urls[0]);
    assert.equal(gone?.kind, CAPTURE_COMPLETED);
    assert.equal((gone.payload as CaptureCompletedPayload).status, 404);
    const huge = events.get(urls[1])?.payload as CaptureFailedPayload;
    assert.equal(huge.errorKind, 'FetchTooLargeError');
    const redirected = events.get(urls[2])?.payload as CaptureFailedPayload;
    assert.equal(redirected.errorKind, 'FetchRefusedError');
    assert.match(redirected.error, /127\.0\.0\.2/);
  });

  it('the same URL is refused without the allowance', async () => {
    const url = `${site.url}/page?again`;
    const { events } = await captureAll(t, '', [url]);
    const e = events.get(url);
    assert.equal(e?.kind, CAPTURE_FAILED);
    assert.equal((e.payload as CaptureFailedPayload).errorKind, 'FetchRefusedError');
    assert.match((e.payload as CaptureFailedPayload).error, /loopback/);
  });

  it('a slow answer is retried later with backoff, then given up as capture.failed', async () => {
    const url = `${site.url}/slow`;
    const { summary, events } = await captureAll(t, '127.0.0.1/32', [url], 2);
    assert.equal(summary.retried, 1);
    assert.equal(events.get(url), undefined);
    const job = await t.store.db
      .selectFrom('capture_jobs')
      .selectAll()
      .where('url', '=', url)
      .executeTakeFirstOrThrow();
    assert.equal(job.state, 'pending');
    assert.equal(job.attempts, 1);
    assert.match(job.last_error ?? '', /within 500 ms/);
    assert.ok(Date.parse(job.next_try_at) > Date.now());
    // its retry time comes: the second and last try fails for good
    await t.store.db
      .updateTable('capture_jobs')
      .set({ next_try_at: new Date(0).toISOString() })
      .where('url', '=', url)
      .execute();
    const again = await captureAll(t, '127.0.0.1/32', [], 2);
    assert.equal(again.summary.failed, 1);
    const failed = again.events.get(url)?.payload as CaptureFailedPayload;
    assert.equal(failed.errorKind, 'FetchTimeoutError');
    assert.equal(failed.attempts, 2);
  });
});
