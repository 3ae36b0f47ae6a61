import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { parseAllowList } from '../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../src/core/net/polite-fetcher.ts';
import { urlCapturer } from '../../src/evidence/capture/capture-url.ts';
import { CaptureWorker } from '../../src/evidence/capture/worker.ts';
import { type CaptureSite, captureSite } from '../helpers/capture-site.ts';
import { bearer, type Harness, harness, jsonl, minimal } from './harness.ts';

let h: Harness;
let site: CaptureSite;
let messageId: string;

before(async () => {
  h = await harness();
  site = await captureSite();
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(minimal('1', `Shelter list ${site.url}/t/abc and a gone page ${site.url}/gone`)),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.statusCode, 200, r.body);
  const s = await h.app.inject({ method: 'GET', url: '/api/search?limit=1', headers: bearer(h.tokens.viewer) });
  messageId = s.json().hits[0].id;
  const tools = { vigil: 'test', warcio: 'x', 'js-wacz': 'y' };
  const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.1/32'), minIntervalMs: 0, retries: 0 });
  const worker = new CaptureWorker({
    store: h.store,
    capture: urlCapturer({ fetcher, blobs: h.blobs, tools }),
    tools,
    concurrency: 1,
  });
  assert.equal((await worker.drain()).completed, 2);
});
after(async () => {
  await site.close();
  await h.close();
});

test('a message lists its captures: status, tries, final URL and hashes', async () => {
  const r = await h.app.inject({
    method: 'GET',
    url: `/api/messages/${messageId}/captures`,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(r.statusCode, 200, r.body);
  const caps = r.json().captures as {
    url: string;
    state: string;
    attempts: number;
    result: { status: number; finalUrl: string; wacz: { sha256: string } };
  }[];
  assert.deepEqual(
    caps.map((c) => [new URL(c.url).pathname, c.state, c.attempts, c.result.status]),
    [
      ['/gone', 'done', 1, 404],
      ['/t/abc', 'done', 1, 200],
    ],
  );
  assert.equal(caps[1].result.finalUrl, `${site.url}/page`);
  const anon = await h.app.inject({ method: 'GET', url: `/api/messages/${messageId}/captures` });
  assert.equal(anon.statusCode, 401);
});

test('Verify re-hashes a capture and checks its WACZ; a changed blob is named', async () => {
  const list = await h.app.inject({
    method: 'GET',
    url: `/api/messages/${messageId}/captures`,
    headers: bearer(h.tokens.viewer),
  });
  const cap = list.json().captures[1];
  const ok = await h.app.inject({
    method: 'POST',
    url: `/api/captures/${cap.id}/verify`,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().ok, true, ok.body);
  assert.ok(ok.json().checks.some((c: { name: string }) => c.name === 'WACZ datapackage digests'));
  // tamper with the screenshot-less page body on disk
  const body = cap.result.resources[2].body.sha256 as string;
  const path = h.blobs.pathFor(body);
  chmodSync(path, 0o644);
  writeFileSync(path, 'changed');
  const bad = await h.app.inject({
    method: 'POST',
    url: `/api/captures/${cap.id}/verify`,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(bad.json().ok, false);
  const failed = bad.json().checks.filter((c: { ok: boolean }) => !c.ok);
  assert.equal(failed.length, 1);
  assert.match(failed[0].name, /body of .*\/page \(200\)/);
});
