import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { IMAGE_MAX_DISTANCE, imageDuplicatePairs, joinClusters } from '../../src/analysis/image-dups.ts';
import { clusterNearDuplicates } from '../../src/analysis/near-dup.ts';
import { CAPTURE_REQUESTED } from '../../src/core/capture-events.ts';
import { parseAllowList } from '../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { urlCapturer } from '../../src/evidence/capture/capture-url.ts';
import { describeImage, imageEnricher, phashDistance } from '../../src/evidence/capture/image-info.ts';
import { CaptureWorker } from '../../src/evidence/capture/worker.ts';
import { capturedImageHashes } from '../../src/store/queries/captured-images.ts';
import { type LocalServer, localServer } from '../helpers/local-server.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

/** A photo-like scene: coloured shapes on grey, different for each seed. */
function scene(seed: number): Promise<Buffer> {
  let x = seed;
  const rnd = () => {
    x = (x * 9301 + 49297) % 233280;
    return x / 233280;
  };
  const shapes = Array.from({ length: 12 }, () => {
    const c = `rgb(${Math.floor(rnd() * 255)},${Math.floor(rnd() * 255)},${Math.floor(rnd() * 255)})`;
    return rnd() < 0.5
      ? `<circle cx="${rnd() * 640}" cy="${rnd() * 480}" r="${20 + rnd() * 120}" fill="${c}"/>`
      : `<rect x="${rnd() * 640}" y="${rnd() * 480}" width="${30 + rnd() * 250}" height="${30 + rnd() * 200}" fill="${c}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#777"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

// four messages with unrelated texts: the first three carry one photo (original, re-encoded JPEG,
// resized WebP), the fourth another photo; the fifth repeats the fourth's text (a text near-duplicate)
const ID = (n: number) => String(n).repeat(64);
const TEXTS = [
  'Our street after the night shelling, the bakery is gone',
  'انظروا ماذا حل بالحي بعد القصف الليلة الماضية',
  'Forwarded from a friend in al-Shaar: this is what is left',
  'Queue for bread at the last open bakery in al-Kalasa this morning',
  'queue for bread at the last open bakery in al-Kalasa this morning!',
];

async function photos() {
  const original = await scene(7);
  return {
    original,
    reencoded: await sharp(original).jpeg({ quality: 40 }).toBuffer(),
    resized: await sharp(original).resize(300).webp({ quality: 50 }).toBuffer(),
    other: await scene(8),
  };
}

describe('re-posted images join the near-duplicate clusters (pHash)', () => {
  it('re-encoded and resized copies are within the threshold; a different image is far outside it', async () => {
    const p = await photos();
    const h = Object.fromEntries(
      await Promise.all(Object.entries(p).map(async ([k, b]) => [k, (await describeImage(b)).phash] as const)),
    );
    assert.ok(phashDistance(h.original, h.reencoded) <= IMAGE_MAX_DISTANCE, `${h.original} ${h.reencoded}`);
    assert.ok(phashDistance(h.original, h.resized) <= IMAGE_MAX_DISTANCE, `${h.original} ${h.resized}`);
    assert.ok(phashDistance(h.original, h.other) > 2 * IMAGE_MAX_DISTANCE, `${h.original} ${h.other}`);
  });

  it('joinClusters merges clusters a pair connects and keeps the earliest member first', () => {
    const order = ['a', 'b', 'c', 'd', 'e', 'f'];
    const text = [{ representative: 'b', members: ['b', 'e'] }];
    assert.deepEqual(
      joinClusters(order, text, [
        ['e', 'a'],
        ['c', 'f'],
        ['x', 'a'],
      ]),
      [
        { representative: 'a', members: ['a', 'b', 'e'] },
        { representative: 'c', members: ['c', 'f'] },
      ],
    );
    assert.deepEqual(joinClusters(order, text, []), text);
  });

  const factories: [string, StoreFactory][] = [['SQLite', sqliteFactory]];
  if (PG_URL) factories.push(['PostgreSQL', postgresFactory]);
  for (const [name, factory] of factories)
    describe(`captured images on ${name}`, () => {
      let t: TestStore;
      let site: LocalServer;
      before(async () => {
        t = await factory();
        const p = await photos();
        const files: Record<string, Buffer> = {
          '/1.png': p.original,
          '/2.jpg': p.reencoded,
          '/3.webp': p.resized,
          '/4.png': p.other,
        };
        site = await localServer((req, res) => {
          const body = files[req.url ?? ''];
          const type = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' }[req.url?.split('.')[1] ?? ''];
          res.writeHead(body ? 200 : 404, { 'content-type': type ?? 'text/plain' });
          res.end(body ?? 'not here');
        });
        // messages 1-4 each point to one image; 5 has none
        await t.store.append(
          Object.keys(files).map((path, i) => ({
            kind: CAPTURE_REQUESTED,
            at: new Date().toISOString(),
            actor: 'system',
            payload: { messageId: ID(i + 1), requests: [{ url: `${site.url}${path}`, kind: 'media' as const }] },
          })),
        );
        const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.1/32'), minIntervalMs: 0, retries: 0 });
        const tools = { vigil: 'test' };
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const summary = await new CaptureWorker({
          store: t.store,
          capture: urlCapturer({ fetcher, blobs, tools, enrichers: [imageEnricher] }),
          tools,
          concurrency: 1,
          maxAttempts: 1,
        }).drain();
        assert.equal(summary.completed, 4, JSON.stringify(summary));
      });
      after(async () => {
        await site?.close();
        await t?.dispose();
      });

      it('the three copies cluster together, the other image stays with its text twin', async () => {
        const items = TEXTS.map((text, i) => ({ id: ID(i + 1), text }));
        const ids = items.map((x) => x.id);
        const textOnly = clusterNearDuplicates(items);
        assert.deepEqual(
          textOnly.map((c) => c.members),
          [[ID(4), ID(5)]],
          'by text alone only 4 and 5 are copies',
        );
        const hashes = await capturedImageHashes(t.store.db, t.store.dialect, ids);
        assert.deepEqual(hashes.map((x) => x.messageId).sort(), [ID(1), ID(2), ID(3), ID(4)]);
        const joined = joinClusters(ids, textOnly, imageDuplicatePairs(hashes));
        assert.deepEqual(
          joined.map((c) => c.members),
          [
            [ID(1), ID(2), ID(3)],
            [ID(4), ID(5)],
          ],
        );
      });
    });
});
