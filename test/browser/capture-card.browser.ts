/**
 * The message page's "Captured evidence" card in Chromium: the captured picture is blurred and not
 * loaded until clicked, the click posts an audit event, Verify answers OK, the WACZ download link is
 * there, and the per-user reveal-by-default switch reveals (and audits) without a click.
 * Kept light: a fresh data folder with one message (no demo scenario), its image captured in-process
 * before the browser starts. Screenshots go to test-results/capture-card-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { parseAllowList } from '../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { urlCapturer } from '../../src/evidence/capture/capture-url.ts';
import { imageEnricher } from '../../src/evidence/capture/image-info.ts';
import { CaptureWorker } from '../../src/evidence/capture/worker.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildServer } from '../../src/server/app.ts';
import { addUser, createToken } from '../../src/server/auth/accounts.ts';
import { ensureWebBuilt } from '../../src/server/build-web.ts';
import type { App } from '../../src/server/context.ts';
import type { Store } from '../../src/store/contract.ts';
import { type CaptureSite, captureSite } from '../helpers/capture-site.ts';
import { launch, PASSWORD, signIn } from './demo-server.ts';

const SHOTS = 'test-results';

describe('the capture card in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: App;
  let url: string;
  let site: CaptureSite;
  let browser: Browser;
  let messageId: string;
  let thumbnail: string;
  let wacz: string;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'vigil-capture-card-'));
    store = await openVigilStore({ dataDir: dir });
    const blobs = new BlobStore(join(dir, 'blobs'));
    await addUser(store, { username: 'analyst', role: 'analyst', password: PASSWORD }, 'test');
    const token = (await createToken(store, 'analyst', 'test')).token;
    // a picture worth blurring: a red scene with a white shape
    const image = await sharp({ create: { width: 480, height: 320, channels: 3, background: '#a11' } })
      .composite([
        { input: Buffer.from('<svg width="480" height="320"><circle cx="240" cy="160" r="90" fill="#fff"/></svg>') },
      ])
      .jpeg()
      .toBuffer();
    site = await captureSite({ image });
    app = await buildServer({ store, blobs, webRoot: await ensureWebBuilt(), log: false });
    const ingest = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      payload: `${JSON.stringify({
        platform: 'telegram',
        id: '77',
        author: 'aleppo_now',
        postedAt: '2016-12-13T11:00:00+02:00',
        text: 'After the strike on the market this morning',
        media: [`${site.url}/img.png`],
      })}\n`,
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
    });
    assert.equal(ingest.statusCode, 200, ingest.body);
    const tools = { vigil: 'test' };
    const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.1/32'), minIntervalMs: 0, retries: 0 });
    const done = await new CaptureWorker({
      store,
      capture: urlCapturer({ fetcher, blobs, tools, enrichers: [imageEnricher] }),
      tools,
      concurrency: 1,
    }).drain();
    assert.equal(done.completed, 1, JSON.stringify(done));
    const search = await app.inject({
      method: 'GET',
      url: '/api/search',
      headers: { authorization: `Bearer ${token}` },
    });
    messageId = search.json().hits[0].id;
    const caps = await app.inject({
      method: 'GET',
      url: `/api/messages/${messageId}/captures`,
      headers: { authorization: `Bearer ${token}` },
    });
    const cap = caps.json().captures[0];
    thumbnail = cap.result.image.thumbnail.sha256;
    wacz = cap.result.wacz.sha256;
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function reveals() {
    const out: { actor: string; trigger: unknown; sha256: unknown }[] = [];
    for await (const e of store.readLedger())
      if (e.kind === 'audit.media_revealed') {
        const p = e.payload as { trigger: unknown; sha256: unknown };
        out.push({ actor: e.actor, trigger: p.trigger, sha256: p.sha256 });
      }
    return out;
  }

  it('blurred until clicked; the click is audited; Verify says OK; the WACZ can be downloaded', async () => {
    const { ctx, page, problems } = await signIn(browser, url, 'analyst');
    try {
      await page.goto(`${url}/#m/${messageId}`);
      const card = page.locator('section.card', { has: page.locator('ul.captures') });
      await card.waitFor();
      // blurred: a button, and no picture requested from the server yet
      assert.equal(await card.locator('button.media-tile.graphic').count(), 1);
      assert.equal(await card.locator('img').count(), 0);
      assert.deepEqual(await reveals(), []);
      assert.equal(await card.locator('.reveal-toggle input').isChecked(), false);
      await card.screenshot({ path: join(SHOTS, 'capture-card-blurred.png') });

      const link = card.locator(`a[href="/api/blobs/${wacz}?download=1"]`);
      assert.equal(await link.count(), 1, 'WACZ download link');
      assert.match((await link.textContent()) ?? '', /Download WACZ/);

      await card.locator('button.media-tile.graphic').click();
      const img = card.locator(`img[src="/api/blobs/${thumbnail}"]`);
      await img.waitFor();
      await page.waitForFunction((sel) => {
        const i = document.querySelector(sel) as HTMLImageElement | null;
        return Boolean(i?.complete && i.naturalWidth > 0);
      }, `img[src="/api/blobs/${thumbnail}"]`);
      assert.deepEqual(await reveals(), [{ actor: 'analyst', trigger: 'click', sha256: thumbnail }]);

      await card.getByRole('button', { name: 'Verify' }).click();
      const result = card.locator('.verify-result');
      await result.waitFor();
      assert.equal(await result.getAttribute('class'), 'verify-result ok');
      assert.match((await result.textContent()) ?? '', /✔ Verified: every hash matches/);
      assert.match((await result.textContent()) ?? '', /WACZ datapackage digests/);
      await card.screenshot({ path: join(SHOTS, 'capture-card-revealed.png') });
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  it('with "reveal by default" on, the picture shows without a click, and that reveal is audited too', async () => {
    const { ctx, page, problems } = await signIn(browser, url, 'analyst', undefined, 'ar');
    try {
      await page.goto(`${url}/#m/${messageId}`);
      const card = page.locator('section.card', { has: page.locator('ul.captures') });
      await card.waitFor();
      assert.equal(await card.locator('img').count(), 0);
      await card.locator('.reveal-toggle input').check();
      await card.locator(`img[src="/api/blobs/${thumbnail}"]`).waitFor();
      assert.match((await card.locator('.reveal-toggle').textContent()) ?? '', /دون نقر/);
      await card.screenshot({ path: join(SHOTS, 'capture-card-reveal-by-default-ar.png') });
      // a fresh visit: revealed at once, no blurred button, one more audit event (trigger: setting)
      await page.reload();
      await card.locator(`img[src="/api/blobs/${thumbnail}"]`).waitFor();
      assert.equal(await card.locator('button.media-tile.graphic').count(), 0);
      const all = await reveals();
      assert.deepEqual(
        all.map((r) => r.trigger),
        ['click', 'setting', 'setting'],
      );
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
