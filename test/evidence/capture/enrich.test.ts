import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { WARCParser } from 'warcio';
import {
  CAPTURE_COMPLETED,
  CAPTURE_REQUESTED,
  type CaptureCompletedPayload,
  CaptureCompletedPayload as Completed,
} from '../../../src/core/capture-events.ts';
import { sha256Hex } from '../../../src/core/hash.ts';
import { parseAllowList } from '../../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { urlCapturer } from '../../../src/evidence/capture/capture-url.ts';
import { defaultEnrichers, type EnricherSet } from '../../../src/evidence/capture/enrichers.ts';
import { phashDistance } from '../../../src/evidence/capture/image-info.ts';
import { CaptureWorker } from '../../../src/evidence/capture/worker.ts';
import { type CaptureSite, captureSite, makeMp4 } from '../../helpers/capture-site.ts';
import { sqliteFactory, type TestStore } from '../../helpers/stores.ts';

const MSG = 'f'.repeat(64);
const SHOTS = join(import.meta.dirname, '../../../test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('what a capture derives: screenshots, video metadata, image thumbnails and pHash', () => {
  let site: CaptureSite;
  let t: TestStore;
  let blobs: BlobStore;
  let enrichers: EnricherSet;
  const captured = new Map<string, CaptureCompletedPayload>();

  before(async () => {
    t = await sqliteFactory();
    blobs = new BlobStore(join(t.dir, 'blobs'));
    // a photo with EXIF (camera, GPS-free) that the dashboard must never show as-is
    const image = await sharp({ create: { width: 240, height: 160, channels: 3, background: '#884422' } })
      .composite([
        { input: Buffer.from('<svg width="240" height="160"><circle cx="80" cy="80" r="50" fill="#fff"/></svg>') },
      ])
      .jpeg()
      .withExif({ IFD0: { Make: 'VigilCam', Model: 'Test 1', Copyright: 'a witness' } })
      .toBuffer();
    site = await captureSite({ mp4: makeMp4(t.dir), image });
    const env = { VIGIL_FETCH_ALLOW: '127.0.0.1/32' };
    enrichers = await defaultEnrichers({ screenshots: true, env });
    const tools = { vigil: 'test', warcio: 'x', 'js-wacz': 'y' };
    const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.1/32'), minIntervalMs: 0, retries: 0 });
    const requests = [
      { url: `${site.url}/page`, kind: 'page' },
      { url: `${site.url}/clip.mp4`, kind: 'media' },
      { url: `${site.url}/img.png`, kind: 'media' },
    ];
    await t.store.append([
      { kind: CAPTURE_REQUESTED, at: new Date().toISOString(), actor: 'system', payload: { messageId: MSG, requests } },
    ]);
    const worker = new CaptureWorker({
      store: t.store,
      capture: urlCapturer({ fetcher, blobs, tools, enrichers: enrichers.list }),
      tools,
      concurrency: 1,
      maxAttempts: 1,
    });
    const summary = await worker.drain();
    for await (const e of t.store.readLedger())
      if (e.kind === CAPTURE_COMPLETED) {
        const p = Completed.parse(e.payload);
        captured.set(new URL(p.url).pathname, p);
      }
    assert.equal(summary.completed, 3, JSON.stringify(summary));
  });
  after(async () => {
    await enrichers?.close();
    await site?.close();
    await t?.dispose();
  });

  it('a page: full-page PNG, the DOM after scripts ran, its text; Chromium only got what the guard allowed', async (ctx) => {
    if (!existsSync(CHROMIUM)) return ctx.skip('no Chromium');
    const p = captured.get('/page');
    assert.ok(p?.page, JSON.stringify(p?.skipped));
    const png = await blobs.get(p.page.screenshot.sha256);
    assert.equal(sha256Hex(png), p.page.screenshot.sha256);
    const meta = await sharp(png).metadata();
    assert.equal(meta.format, 'png');
    assert.equal(meta.width, 1280);
    assert.ok((meta.height ?? 0) > 1500, `full page, not the 900 px viewport: ${meta.height}`);
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'capture-page.png'), png);
    assert.match((await blobs.get(p.page.renderedHtml.sha256)).toString(), /Written by a script\./);
    assert.match(p.page.text, /Aleppo shelters/);
    assert.match(p.page.text, /Written by a script\./);
    assert.equal(p.page.title, 'Shelter list');
    assert.ok(p.tools.chromium, 'the Chromium version is recorded');
    // the image on 127.0.0.2 (outside the allowance) was refused; the one on 127.0.0.1 was fetched
    assert.deepEqual(
      p.page.blocked.map((u) => new URL(u).hostname),
      ['127.0.0.2'],
    );
    assert.equal(site.requests.filter((r) => r.path === '/img.png').length >= 1, true);
    const uris: string[] = [];
    for await (const r of new WARCParser([new Uint8Array(await blobs.get(p.warc.sha256))])) {
      await r.readFully(false);
      uris.push(`${r.warcType} ${r.warcTargetURI}`);
    }
    assert.ok(uris.includes(`response ${site.url}/img.png`), uris.join('\n'));
    assert.ok(uris.includes(`resource urn:screenshot:${site.url}/page`), uris.join('\n'));
    assert.ok(!uris.some((u) => u.includes('127.0.0.2')));
  });

  it('a video: duration and codecs from ffprobe, keyframe thumbnails from ffmpeg, hashed', async (ctx) => {
    const p = captured.get('/clip.mp4');
    if (!p?.media) return ctx.skip(`no ffmpeg: ${p?.skipped}`);
    assert.ok(Math.abs((p.media.durationSeconds ?? 0) - 1) < 0.2, String(p.media.durationSeconds));
    assert.deepEqual(p.media.streams, ['video:h264']);
    assert.equal(p.media.width, 64);
    assert.ok(p.media.thumbnails.length >= 1);
    const thumb = await blobs.get(p.media.thumbnails[0].sha256);
    assert.equal((await sharp(thumb).metadata()).format, 'jpeg');
    assert.equal(p.media.via, 'direct');
  });

  it('an image: size, EXIF read from the original, a thumbnail without metadata, a pHash that finds a re-post', async () => {
    const p = captured.get('/img.png');
    assert.ok(p?.image, JSON.stringify(p?.skipped));
    assert.equal(p.image.width, 240);
    assert.equal(p.image.exif?.['Image.Make'], 'VigilCam');
    assert.match(p.image.phash, /^[0-9a-f]{16}$/);
    const thumb = await blobs.get(p.image.thumbnail.sha256);
    const tm = await sharp(thumb).metadata();
    assert.equal(tm.exif, undefined, 'the thumbnail the dashboard shows carries no EXIF');
    // the original keeps its bytes, EXIF included
    assert.equal((await sharp(await blobs.get(p.resources[0].body.sha256)).metadata()).exif !== undefined, true);
    const { describeImage } = await import('../../../src/evidence/capture/image-info.ts');
    const original = await blobs.get(p.resources[0].body.sha256);
    const repost = await sharp(original).resize(180).jpeg({ quality: 50 }).toBuffer();
    const other = await sharp({ create: { width: 240, height: 160, channels: 3, background: '#000' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="240" height="160"><rect x="150" y="10" width="80" height="140" fill="#fff"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    assert.ok(phashDistance(p.image.phash, (await describeImage(repost)).phash) <= 6);
    assert.ok(phashDistance(p.image.phash, (await describeImage(other)).phash) > 12);
  });
});
