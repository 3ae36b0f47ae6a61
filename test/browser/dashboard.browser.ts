/**
 * The dashboard in Debian's chromium: sign in, live feed, Arabic search, verify, acknowledge, note,
 * XSS payloads, and screenshots of every page (Arabic and English, desktop and phone) in test-results/.
 * Run by .ci/run (needs /usr/bin/chromium): node --import tsx --test test/browser/*.browser.ts
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { BLOB_CAPTURED } from '../../src/core/events.ts';
import { listAlerts, recordDelivery } from '../../src/store/queries/alerts.ts';
import { listAudit } from '../../src/store/queries/audit.ts';
import { DESKTOP, type DemoServer, demoServer, launch, PASSWORD, signIn } from './demo-server.ts';

const SHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };

let s: DemoServer;
let browser: Browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await demoServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await s?.close();
});

function signedIn(user: string, viewport = DESKTOP, lang: 'en' | 'ar' = 'en') {
  return signIn(browser, s.url, user, viewport, lang);
}

async function ingest(...messages: object[]) {
  const res = await fetch(`${s.url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.analystToken}`, 'content-type': 'application/x-ndjson' },
    body: `${messages.map((m) => JSON.stringify(m)).join('\n')}\n`,
  });
  const body = await res.text();
  assert.equal(res.status, 200, body);
  return JSON.parse(body);
}

async function apiSearch(query: Record<string, string>): Promise<{ hits: { id: string }[]; next?: string }> {
  const res = await fetch(`${s.url}/api/search?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${s.analystToken}` },
  });
  assert.equal(res.status, 200);
  return res.json();
}

test('the login page refuses a wrong password and signs in with the right one', async () => {
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  await page.goto(s.url);
  await page.fill('input[name=username]', 'analyst');
  await page.fill('input[name=password]', 'not-the-password');
  await page.click('button[type=submit]');
  await page.waitForSelector('form.login .error');
  await page.screenshot({ path: `${SHOTS}/en-desktop-login.png` });
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.message-card');
  const cookies = await ctx.cookies();
  const session = cookies.find((c) => c.name === 'vigil_session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(session?.sameSite, 'Strict');
  await ctx.close();
});

const PAGES: [string, string, string][] = [
  ['feed', '#/', '.message-card'],
  ['watchlist', '#/people', '.person-card'],
  ['search', `#/search?q=${encodeURIComponent('قصف')}`, '.message-card mark'],
  ['alerts', '#/alerts', '.alert-card'],
  ['overview', '#/overview', '.map path.leaflet-interactive'],
  ['audit', '#/audit', 'table tbody tr'],
  ['users', '#/users', 'table tbody tr'],
];

for (const lang of ['en', 'ar'] as const) {
  for (const [device, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`screenshots: ${lang}, ${device}`, async () => {
      const { ctx, page, problems } = await signedIn('admin', viewport, lang);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      for (const [name, hash, ready] of PAGES) {
        await page.goto(`${s.url}/${hash}`);
        await page.waitForSelector(ready);
        await page.screenshot({
          path: `${SHOTS}/${lang}-${device}-${name}.png`,
          fullPage: name !== 'feed' && name !== 'search',
        });
        if (device === 'phone') {
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.ok(overflow <= 1, `${name} scrolls sideways by ${overflow}px at phone width`);
        }
      }
      await page.goto(`${s.url}/#/people`);
      await page.locator('.person-card').first().click();
      await page.waitForSelector('.note-form');
      await page.screenshot({ path: `${SHOTS}/${lang}-${device}-person.png`, fullPage: true });
      await page.goto(`${s.url}/#/`);
      await page.locator('.message-card.plea a.more, .message-card a.more').first().click();
      await page.waitForSelector('.message-detail dl.provenance');
      await page.click('.message-detail button.primary');
      await page.waitForSelector('.verify-result');
      await page.screenshot({ path: `${SHOTS}/${lang}-${device}-message.png`, fullPage: true });
      assert.deepEqual(problems, []);
      await ctx.close();
    });
  }
}

test('the live feed shows a message within moments of its ingest', async () => {
  const { ctx, page, problems } = await signedIn('viewer');
  await page.waitForSelector('.live-dot.on');
  const text = `Live test ${Date.now()}: the bakery on Tariq al-Bab is open again`;
  await ingest({
    platform: 'twitter',
    id: `live-${Date.now()}`,
    author: 'desk_test',
    postedAt: '2016-12-14T23:58:00+02:00',
    text,
  });
  const card = page.locator('.message-card', { hasText: text });
  await card.waitFor({ timeout: 5000 });
  assert.equal(
    await page.locator('.message-card').first().locator('.message-text').textContent(),
    text,
    'newest first',
  );
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('search in Arabic highlights the matches', async () => {
  const { ctx, page, problems } = await signedIn('viewer');
  await page.click('nav a[href="#/search"]');
  await page.fill('input[type=search]', 'الانقاض');
  await page.click('.search-main button[type=submit]');
  await page.waitForSelector('.message-card mark');
  const marks = await page.locator('.message-card mark').allInnerTexts();
  assert.ok(marks.length > 0);
  assert.ok(
    marks.every((m) => /[\u0600-\u06FF]/.test(m)),
    `Arabic matches: ${marks.slice(0, 5).join(', ')}`,
  );
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('search pages on: "100+ results", then more, with no message twice', async () => {
  const { ctx, page, problems } = await signedIn('viewer');
  await page.goto(`${s.url}/#/search?q=${encodeURIComponent('حلب')}`);
  await page.waitForSelector('.message-card');
  assert.equal(await page.locator('.message-card').count(), 100);
  assert.match((await page.locator('.result-count').textContent()) ?? '', /^100\+ results/);
  await page.click('button.more-results');
  await page.waitForFunction(() => document.querySelectorAll('.message-card').length > 100);
  const ids = await page.locator('.message-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  assert.equal(new Set(ids).size, ids.length, 'no message twice');
  // The same two pages from the API, as the page asked for them: 100 at a time, then from `next`.
  const page1 = await apiSearch({ text: 'حلب', limit: '100' });
  const page2 = await apiSearch({ text: 'حلب', limit: '100', after: page1.next ?? '' });
  assert.deepEqual(
    ids,
    [...page1.hits, ...page2.hits].map((h) => h.id),
  );
  assert.equal(await page.locator('button.more-results').count(), page2.next ? 1 : 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('open a message and verify it on the server', async () => {
  const { ctx, page, problems } = await signedIn('viewer');
  await page.locator('.message-card a.more').first().click();
  await page.waitForSelector('.message-detail dl.provenance');
  await page.click('.message-detail button.primary');
  await page.waitForSelector('.verify-result.ok');
  const lines = await page.locator('.verify-result li.ok').count();
  assert.ok(lines >= 7, `${lines} checks passed`);
  assert.equal(await page.locator('.verify-result li.bad').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('an alert card says where it was delivered, and hides the webhook token', async () => {
  const [last] = (await listAlerts(s.store.db)).slice(-1);
  const id = last.alert.id;
  const attempt = (ok: boolean, status: number) => ({ at: '2016-12-15T00:00:05.000Z', ok, status });
  await recordDelivery(s.store.db, {
    alertId: id,
    channel: 'webhook',
    target: 'https://desk.example/hooks/T0K3N',
    ok: false,
    attempts: [attempt(false, 503), attempt(false, 503)],
  });
  await recordDelivery(s.store.db, {
    alertId: id,
    channel: 'email',
    target: 'desk@example.org',
    ok: true,
    attempts: [attempt(true, 250)],
  });
  const { ctx, page, problems } = await signedIn('viewer');
  await page.click('nav a[href="#/alerts"]');
  const card = page.locator(`.alert-card[data-alert="${id}"]`);
  await card.locator('.deliveries').waitFor();
  const failed = (await card.locator('.deliveries .not-sent').textContent()) ?? '';
  assert.match(failed, /webhook https:\/\/desk\.example · not delivered yet \(attempts: 2, 503\)/);
  assert.match((await card.locator('.deliveries .sent').textContent()) ?? '', /email desk@example\.org/);
  assert.ok(!(await page.content()).includes('T0K3N'));
  await card.screenshot({ path: `${SHOTS}/en-desktop-alert-deliveries.png` });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('an analyst acknowledges an alert', async () => {
  const { ctx, page, problems } = await signedIn('analyst');
  await page.click('nav a[href="#/alerts"]');
  await page.waitForSelector('.alert-card');
  const first = page.locator('.alert-card').first();
  const id = await first.getAttribute('data-alert');
  await first.locator('input').fill('Called his cousin in Gaziantep');
  await first.locator('button.primary').click();
  await page.locator(`.alert-card[data-alert="${id}"]`).waitFor({ state: 'detached' });
  await page.click('.tabs button:nth-child(2)');
  await page.locator(`.alert-card[data-alert="${id}"] .acked`).waitFor();
  assert.match((await page.locator(`.alert-card[data-alert="${id}"] .acked`).textContent()) ?? '', /analyst/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('an analyst adds a note with a PFIF status to a person', async () => {
  const { ctx, page, problems } = await signedIn('analyst');
  await page.click('nav a[href="#/people"]');
  await page.locator('.person-card').first().click();
  await page.waitForSelector('.note-form');
  const text = `Neighbour saw her at the Sukkari clinic ${Date.now()}`;
  await page.selectOption('.note-form select', 'believed_alive');
  await page.fill('.note-form textarea', text);
  await page.click('.note-form button[type=submit]');
  await page.locator('ol.notes li', { hasText: text }).waitFor();
  assert.match((await page.locator('ol.notes li', { hasText: text }).textContent()) ?? '', /Believed alive/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

const PAYLOADS = [
  '<script>window.__xss=1;alert("xss-script")</script>',
  '<img src=x onerror="window.__xss=2;alert(\'xss-img\')">',
  '<svg onload="window.__xss=3">',
  '"><iframe src="javascript:window.top.__xss=4"></iframe>',
  '[[<b onmouseover="window.__xss=5">hover</b>]] xsspayload',
  '<a href="javascript:window.__xss=6">click</a> xsspayload',
  '{{constructor.constructor("window.__xss=7")()}} xsspayload',
  '<style>body{display:none}</style><math><mtext><table><mglyph><style><img src=x onerror=window.__xss=8>',
];

// A 2x2 PNG, generated for this test.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM4ISd3Qk6OoUJEpEJEBAAb3gNJkTRCJAAAAABJRU5ErkJggg==',
  'base64',
);

test('graphic media stays blurred, and unloaded, until someone clicks it', async () => {
  const put = await s.blobs.putBytes(PNG);
  await s.store.append([
    {
      kind: BLOB_CAPTURED,
      at: new Date().toISOString(),
      actor: 'test',
      payload: { sha256: put.sha256, bytes: put.bytes, mime: 'image/png', name: 'photo.png', source: 'media' },
    },
  ]);
  await ingest({
    platform: 'telegram',
    id: `graphic-${Date.now()}`,
    author: 'medic_test',
    postedAt: '2016-12-14T23:59:30+02:00',
    text: 'graphictest: the wounded at the field clinic',
    media: [{ sha256: put.sha256, mime: 'image/png', graphic: true, originalName: 'photo.png' }],
  });
  const { ctx, page, problems } = await signedIn('viewer');
  const card = page.locator('.message-card', { hasText: 'graphictest' });
  await card.waitFor();
  assert.equal(await card.locator('img').count(), 0, 'no image before the click');
  const viewsBefore = (await listAudit(s.store.db, { kind: 'audit.original_viewed', actor: 'viewer' })).length;
  await card.locator('button.media-tile.graphic').click();
  const img = card.locator('img');
  await img.waitFor();
  await page.waitForFunction(
    (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 2,
    await img.elementHandle(),
  );
  const viewsAfter = (await listAudit(s.store.db, { kind: 'audit.original_viewed', actor: 'viewer' })).length;
  assert.equal(viewsAfter, viewsBefore + 1, 'showing the image is an audited view of a sealed original');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('message text full of XSS payloads is shown as text and never runs', async () => {
  await ingest(
    ...PAYLOADS.map((text, i) => ({
      platform: 'twitter',
      id: `xss-${i}`,
      author: {
        id: `xss${i}`,
        handle: `<img src=x onerror=window.__xss=9>`,
        displayName: '<script>window.__xss=10</script>',
      },
      postedAt: `2016-12-14T23:5${i}:00+02:00`,
      text: `${text} xsspayload`,
      url: 'javascript:window.__xss=11',
      media: [
        { url: 'javascript:window.__xss=12', mime: 'text/html', originalName: '<img src=x onerror=window.__xss=13>' },
      ],
    })),
  );
  const { ctx, page, problems } = await signedIn('analyst');
  await page.locator('.message-card', { hasText: 'xsspayload' }).first().waitFor();
  const shown = await page.locator('.message-card .message-text').allInnerTexts();
  for (const p of PAYLOADS)
    assert.ok(
      shown.some((t) => t.includes(p.replace(/\[\[|\]\]/g, '').slice(0, 20)) || t.includes(p.slice(0, 20))),
      `shown as text: ${p}`,
    );
  await page.goto(`${s.url}/#/search?q=xsspayload`);
  await page.waitForSelector('.message-card mark');
  await page.locator('.message-card a.more').first().click();
  await page.waitForSelector('.message-detail dl.provenance');
  for (const el of await page.locator('.message-card, .message-detail').all()) await el.hover().catch(() => {});
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator('.message-detail iframe, .message-card iframe, .message-card script').count(), 0);
  assert.deepEqual(problems, [], 'no dialog, no script error, no CSP refusal');
  await ctx.close();
});

test('the page is served with a CSP without unsafe-inline, and no inline script or style', async () => {
  const res = await fetch(`${s.url}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script>');
  assert.doesNotMatch(html, /<style|\sstyle=/i, 'no inline style');
});
