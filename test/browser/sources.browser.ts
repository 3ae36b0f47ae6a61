/**
 * The Sources page in Debian's chromium: each platform and each follow (and the Jetstream and Mastodon
 * streams) with its state and last error as recorded; in Arabic the page is right to left while
 * account keys and the recorded (English) errors stay left to right.
 * Screenshots: test-results/screenshots/en-desktop-sources.png, ar-desktop-sources.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import { JETSTREAM_KEY } from '../../src/pipeline/collect/jetstream-runner.ts';
import { streamKey } from '../../src/pipeline/collect/mastodon-stream-runner.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildServer } from '../../src/server/app.ts';
import { addUser } from '../../src/server/auth/accounts.ts';
import { ensureWebBuilt } from '../../src/server/build-web.ts';
import type { App } from '../../src/server/context.ts';
import type { Store } from '../../src/store/contract.ts';
import { addFollow, logItems, putHealth, type SourceHealth } from '../../src/store/queries/live.ts';
import { DESKTOP, launch, PASSWORD, signIn } from './demo-server.ts';

const SHOTS = 'test-results/screenshots';
const ARABIC_LETTER = /[\u0621-\u064A]/;
let dir: string;
let store: Store;
let app: App;
let url: string;
let browser: Browser;
const now = new Date();
const ago = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();
const later = (min: number) => new Date(now.getTime() + min * 60_000).toISOString();

const FOLLOWS: { key: string; platform: string; target: string; health?: Omit<SourceHealth, 'followKey'> }[] = [
  {
    key: 'mastodon:amal@social.example',
    platform: 'mastodon',
    target: 'amal@social.example',
    health: { state: 'ok', lastSuccessAt: ago(3), nextTryAt: later(2), failures: 0, updatedAt: ago(3) },
  },
  {
    key: 'telegram:aleppo_news',
    platform: 'telegram',
    target: 'aleppo_news',
    health: {
      state: 'failing',
      lastSuccessAt: ago(240),
      lastError: 'telegram channel aleppo_news: HTTP 502 Bad Gateway',
      lastErrorAt: ago(4),
      nextTryAt: later(40),
      failures: 3,
      updatedAt: ago(4),
    },
  },
  {
    key: 'twitter:omar',
    platform: 'twitter',
    target: 'omar',
    health: {
      state: 'auth_needed',
      lastError: 'twitter: set VIGIL_X_BEARER_TOKEN (an X API bearer token) to collect X timelines',
      lastErrorAt: ago(1),
      nextTryAt: later(15),
      failures: 1,
      updatedAt: ago(1),
    },
  },
  {
    key: 'rss:https://news.example/feed.xml',
    platform: 'rss',
    target: 'https://news.example/feed.xml',
    health: {
      state: 'rate_limited',
      lastSuccessAt: ago(30),
      lastError: 'HTTP 429 from news.example: retry after 2026-12-04T23:00:00Z',
      lastErrorAt: ago(2),
      nextTryAt: later(20),
      failures: 1,
      updatedAt: ago(2),
    },
  },
  { key: 'bluesky:huda.bsky.social', platform: 'bluesky', target: 'huda.bsky.social' },
];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'vigil-browser-sources-'));
  store = await openVigilStore({ dataDir: dir });
  await addUser(store, { username: 'viewer', role: 'viewer', password: PASSWORD }, 'test');
  // One message, so the feed the sign-in lands on has a card.
  await captureBatch(
    store,
    [
      {
        raw: {
          platform: 'mastodon',
          nativeId: '1',
          author: { id: 'https://social.example/users/amal', handle: 'amal@social.example' },
          postedAt: ago(10),
          text: 'We are safe for now, the shelling stopped at dawn',
          media: [],
        },
        provenance: {
          source: 'live-mastodon',
          blob: 'a'.repeat(64),
          locator: 'test',
          importer: { name: 'live-mastodon', version: '1.0.0' },
        },
        file: 'test',
        place: 'index=0',
      },
    ],
    { actor: 'test', capturedAt: ago(9), stages: [] },
  );
  for (const f of FOLLOWS) {
    await addFollow(store.db, { ...f, auto: false, addedAt: ago(600), addedBy: 'test' });
    if (f.health) await putHealth(store.db, { followKey: f.key, ...f.health });
  }
  await logItems(store.db, 'mastodon:amal@social.example', ago(20), 4);
  await putHealth(store.db, {
    followKey: JETSTREAM_KEY,
    state: 'degraded',
    lastSuccessAt: ago(1),
    lastError: '1 item(s) unreadable, e.g. line=3: not JSON: Unexpected token',
    lastErrorAt: ago(1),
    failures: 0,
    updatedAt: ago(1),
  });
  await putHealth(store.db, {
    followKey: streamKey('social.example'),
    state: 'ok',
    lastSuccessAt: ago(1),
    failures: 0,
    updatedAt: ago(1),
  });
  app = await buildServer({
    store,
    blobs: new BlobStore(join(dir, 'blobs')),
    webRoot: await ensureWebBuilt(),
    log: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sourcesPage(lang: 'en' | 'ar') {
  const { page, problems } = await signIn(browser, url, 'viewer', DESKTOP, lang);
  await page.goto(`${url}/#/sources`);
  await page.waitForSelector('.page.sources');
  const rows = async (table: number) =>
    page
      .locator('.page.sources table')
      .nth(table)
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  return { page, problems, platforms: await rows(0), follows: await rows(1) };
}

test('the Sources page shows every platform and follow with its state and last error', async () => {
  const { page, problems, platforms, follows } = await sourcesPage('en');
  const platform = Object.fromEntries(platforms.map((r) => [r[0], r]));
  assert.deepEqual(Object.keys(platform).sort(), ['bluesky', 'mastodon', 'rss', 'telegram', 'twitter']);
  assert.equal(platform.mastodon[1], 'OK');
  assert.equal(platform.mastodon[3], '4 / 4');
  assert.equal(platform.telegram[1], 'Failing');
  assert.equal(platform.twitter[1], 'Needs credentials');
  assert.equal(platform.rss[1], 'Rate limited');
  assert.equal(platform.bluesky[1], 'Not tried yet');
  const follow = Object.fromEntries(follows.map((r) => [r[0], r]));
  // The streams come first, then each follow.
  assert.deepEqual(
    follows
      .slice(0, 2)
      .map((r) => r[0])
      .sort(),
    [JETSTREAM_KEY, streamKey('social.example')].sort(),
  );
  assert.equal(follow[JETSTREAM_KEY][1], 'Degraded');
  assert.match(follow[JETSTREAM_KEY][5], /line=3: not JSON/);
  assert.equal(follow['telegram:aleppo_news'][1], 'Failing');
  assert.equal(follow['telegram:aleppo_news'][5], 'telegram channel aleppo_news: HTTP 502 Bad Gateway');
  assert.match(follow['twitter:omar'][5], /VIGIL_X_BEARER_TOKEN/);
  assert.equal(follow['bluesky:huda.bsky.social'][1], 'Not tried yet');
  assert.equal(follow['bluesky:huda.bsky.social'][2], 'never');
  assert.equal(follow['mastodon:amal@social.example'][5], '');
  const failing = page.locator('.source-state.failing').first();
  assert.notEqual(
    await failing.evaluate((el) => getComputedStyle(el).color),
    await page
      .locator('.source-state.ok')
      .first()
      .evaluate((el) => getComputedStyle(el).color),
    'failing and ok do not look the same',
  );
  await page.screenshot({ path: `${SHOTS}/en-desktop-sources.png`, fullPage: true });
  assert.deepEqual(problems, []);
});

test('the Arabic Sources page is right to left; keys and recorded errors stay left to right', async () => {
  const { page, problems, platforms, follows } = await sourcesPage('ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(
    await page
      .locator('.page.sources table')
      .first()
      .evaluate((el) => getComputedStyle(el).direction),
    'rtl',
  );
  const headers = await page.locator('.page.sources th').allTextContents();
  for (const h of headers) assert.match(h, ARABIC_LETTER, h);
  assert.equal(platforms.find((r) => r[0] === 'telegram')?.[1], 'متعطّل');
  // Counts in Arabic-Indic digits, like every other Arabic page.
  assert.equal(platforms.find((r) => r[0] === 'mastodon')?.[3], '٤ / ٤');
  assert.equal(follows.find((r) => r[0] === 'twitter:omar')?.[1], 'يحتاج بيانات اعتماد');
  const key = page.locator('.page.sources tbody tr td:first-child').first();
  assert.equal(await key.evaluate((el) => getComputedStyle(el).direction), 'ltr');
  const error = page.locator('.page.sources tbody tr', { hasText: 'telegram:aleppo_news' }).locator('td').nth(5);
  assert.equal(await error.getAttribute('lang'), 'en');
  assert.equal(await error.evaluate((el) => getComputedStyle(el).direction), 'ltr');
  await page.screenshot({ path: `${SHOTS}/ar-desktop-sources.png`, fullPage: true });
  assert.deepEqual(problems, []);
});
