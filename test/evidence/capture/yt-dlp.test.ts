import assert from 'node:assert/strict';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WARCParser } from 'warcio';
import {
  CAPTURE_COMPLETED,
  CAPTURE_REQUESTED,
  type CaptureCompletedPayload,
  CaptureCompletedPayload as Completed,
} from '../../../src/core/capture-events.ts';
import { sha256Hex } from '../../../src/core/hash.ts';
import { parseAllowList } from '../../../src/core/net/address-policy.ts';
import { GuardProxy } from '../../../src/core/net/guard-proxy.ts';
import { PoliteFetcher } from '../../../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { urlCapturer } from '../../../src/evidence/capture/capture-url.ts';
import { defaultEnrichers, type EnricherSet } from '../../../src/evidence/capture/enrichers.ts';
import { programVersion } from '../../../src/evidence/capture/tool-versions.ts';
import { CaptureWorker } from '../../../src/evidence/capture/worker.ts';
import { YtDlpError, ytDlpDownload } from '../../../src/evidence/capture/yt-dlp.ts';
import { makeMp4 } from '../../helpers/capture-site.ts';
import { type LocalServer, localServer } from '../../helpers/local-server.ts';
import { sqliteFactory, type TestStore } from '../../helpers/stores.ts';

const MSG = 'e'.repeat(64);
const YT_DLP = process.env.VIGIL_YT_DLP ?? 'yt-dlp';
const version = await programVersion(YT_DLP, ['--version']);
const skip = version ? false : `yt-dlp is not installed (apt-get install yt-dlp): ${YT_DLP} --version failed`;

describe('platform video pages through yt-dlp, behind the guard proxy', { skip }, () => {
  let t: TestStore;
  let site: LocalServer;
  let mp4: Buffer;
  let enrichers: EnricherSet;
  let blobs: BlobStore;
  let captured: CaptureCompletedPayload | undefined;

  before(async () => {
    t = await sqliteFactory();
    blobs = new BlobStore(join(t.dir, 'blobs'));
    const made = makeMp4(t.dir);
    assert.ok(made, 'ffmpeg makes the test clip');
    mp4 = made;
    site = await localServer((req, res) => {
      if (req.url === '/clip.mp4') {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': mp4.length });
        res.end(mp4);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><head><title>Shelling in al-Sukkari</title></head>' +
          '<body><h1>Video</h1><video controls src="/clip.mp4"></video></body></html>',
      );
    });
    const env = { VIGIL_FETCH_ALLOW: '127.0.0.1/32', VIGIL_YT_DLP: YT_DLP };
    enrichers = await defaultEnrichers({ screenshots: false, env });
    const tools = { vigil: 'test', warcio: 'x', 'js-wacz': 'y' };
    const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.1/32'), minIntervalMs: 0, retries: 0 });
    await t.store.append([
      {
        kind: CAPTURE_REQUESTED,
        at: new Date().toISOString(),
        actor: 'system',
        payload: { messageId: MSG, requests: [{ url: `${site.url}/watch?v=1`, kind: 'link' }] },
      },
    ]);
    const worker = new CaptureWorker({
      store: t.store,
      capture: urlCapturer({ fetcher, blobs, tools, enrichers: enrichers.list }),
      tools,
      concurrency: 1,
      maxAttempts: 1,
    });
    await worker.drain();
    for await (const e of t.store.readLedger()) if (e.kind === CAPTURE_COMPLETED) captured = Completed.parse(e.payload);
  });
  after(async () => {
    await enrichers?.close();
    await site?.close();
    await t?.dispose();
  });

  it('under an allowance of 127.0.0.1/32 the page`s video is downloaded, kept, probed and recorded', async () => {
    assert.ok(captured, 'the capture completed');
    const media = captured.media;
    assert.ok(media, `media from yt-dlp; skipped: ${captured.skipped.join('; ')}`);
    assert.equal(media.via, 'yt-dlp');
    assert.equal(media.extractor, 'html5');
    assert.equal(media.mediaUrl, `${site.url}/clip.mp4`);
    assert.equal(captured.tools['yt-dlp'], version);
    // the downloaded file is the clip, byte for byte, in the blob store
    assert.ok(media.file);
    assert.equal(media.file.sha256, sha256Hex(mp4));
    assert.ok((await blobs.get(media.file.sha256)).equals(mp4));
    const info = JSON.parse((await blobs.get(media.infoJson?.sha256 ?? '')).toString());
    assert.equal(info.extractor, 'html5');
    // probed like a direct video
    assert.deepEqual(media.streams, ['video:h264']);
    assert.ok(Math.abs((media.durationSeconds ?? 0) - 1) < 0.2, String(media.durationSeconds));
    assert.ok(media.thumbnails.length >= 1);
    // yt-dlp's plain-HTTP traffic went through the proxy and is in the WARC
    const uris: string[] = [];
    for await (const r of new WARCParser([new Uint8Array(await blobs.get(captured.warc.sha256))])) {
      await r.readFully(false);
      uris.push(`${r.warcType} ${r.warcTargetURI}`);
    }
    assert.ok(uris.includes(`response ${site.url}/clip.mp4`), uris.join('\n'));
    assert.ok(uris.includes(`resource urn:yt-dlp:info:${site.url}/watch?v=1`), uris.join('\n'));
  });

  it('with no allowance the guard proxy refuses yt-dlp`s request and nothing reaches the server', async () => {
    const before = site.requests.length;
    const err = await ytDlpDownload(`${site.url}/watch?v=2`, {
      bin: YT_DLP,
      allow: [],
      userAgent: 'vigil-test',
      timeoutMs: 60_000,
    }).then(
      () => assert.fail('yt-dlp must not get the video'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof YtDlpError, String(err));
    assert.deepEqual(
      err.refused.map((r) => r.target),
      [`${site.url}/watch?v=2`],
    );
    assert.match(err.refused[0].reason, /loopback/);
    assert.match(err.message, /fetch guard refused/);
    assert.equal(site.requests.length, before, 'the local server saw no request');
  });
});

describe('the guard proxy', () => {
  it('refuses a CONNECT to a loopback address without an allowance and lets it through with one', async () => {
    const target = await localServer((_req, res) => res.end('hi'));
    const { port } = new URL(target.url);
    const connectVia = async (allow: string) => {
      const proxy = await GuardProxy.start({ allow: parseAllowList(allow) });
      try {
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.request(proxy.url, { method: 'CONNECT', path: `127.0.0.1:${port}` });
          req.on('connect', (res, socket) => {
            socket.destroy();
            resolve(res.statusCode ?? 0);
          });
          req.on('response', (res) => resolve(res.statusCode ?? 0));
          req.on('error', reject);
          req.end();
        });
        return { status, refused: [...proxy.refused], tunnels: [...proxy.tunnels] };
      } finally {
        await proxy.close();
      }
    };
    try {
      const denied = await connectVia('');
      assert.equal(denied.status, 403);
      assert.equal(denied.refused[0].target, `127.0.0.1:${port}`);
      assert.match(denied.refused[0].reason, /loopback/);
      const allowed = await connectVia('127.0.0.1/32');
      assert.equal(allowed.status, 200);
      assert.deepEqual(allowed.refused, []);
      assert.deepEqual(allowed.tunnels, [`127.0.0.1:${port}`]);
    } finally {
      await target.close();
    }
  });
});
