/**
 * The watchlist in the page's language and the replay banner, in Debian's chromium: Arabic pages give
 * reasons and alert titles as Arabic sentences (RTL, Arabic-Indic digits); the banner saying the board
 * is a replay shows only while the replay clock is on (the demo turns it on).
 * Screenshots: test-results/screenshots/ar-desktop-watchlist-reasons.png, ar-desktop-alerts-reasons.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createToken } from '../../src/server/auth/accounts.ts';
import { readReplayClock } from '../../src/watch/replay-clock.ts';
import { DESKTOP, type DemoServer, demoServer, launch, signIn } from './demo-server.ts';

const SHOTS = 'test-results/screenshots';
const ARABIC_LETTER = /[\u0621-\u064A]/;
const ASCII_DIGIT = /[0-9]/;
const ARABIC_DIGIT = /[\u0660-\u0669]/;

let s: DemoServer;
let browser: Browser;
let adminToken: string;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await demoServer();
  adminToken = (await createToken(s.store, 'admin', 'test')).token;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await s?.close();
});

async function open(
  lang: 'en' | 'ar',
  hash: string,
  ready: string,
  viewport = DESKTOP,
): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await signIn(browser, s.url, 'admin', viewport, lang);
  await page.goto(`${s.url}/${hash}`);
  await page.waitForSelector(ready);
  return { page, problems };
}

async function setClock(body: object) {
  const res = await fetch(`${s.url}/api/settings/replay-clock`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

test('the Arabic watchlist gives each reason as an Arabic sentence, right to left, numbers kept', async () => {
  const { page, problems } = await open('ar', '#/people', '.person-card');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const reasons = page.locator('.person-card .reason');
  const n = await reasons.count();
  assert.equal(n, 20);
  for (let i = 0; i < n; i++) {
    const r = reasons.nth(i);
    assert.equal(await r.getAttribute('lang'), 'ar');
    assert.equal(await r.getAttribute('dir'), 'rtl');
    assert.equal(await r.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    const text = (await r.textContent()) ?? '';
    assert.match(text, ARABIC_LETTER, text);
    assert.match(text, /آخر منشور في/, text);
    assert.match(text, ARABIC_DIGIT, text);
    assert.doesNotMatch(text, ASCII_DIGIT, `Arabic-Indic digits only: ${text}`);
  }
  const silent = (await page.locator('.person-card.state-silent .reason').first().textContent()) ?? '';
  assert.match(silent, /^صمت غير معتاد: /, silent);
  assert.match(silent, /احتمال انقطاع بهذا الطول وفق النمط المعتاد: /, silent);
  await page.screenshot({ path: `${SHOTS}/ar-desktop-watchlist-reasons.png`, fullPage: true });

  await page.locator('.person-card.state-silent').first().click();
  await page.waitForSelector('.note-form');
  assert.match((await page.locator('.card .reason').textContent()) ?? '', /^صمت غير معتاد: /);
  const facts = (await page.locator('.card dl.facts').textContent()) ?? '';
  assert.doesNotMatch(facts, ASCII_DIGIT, `the facts beside it too: ${facts}`);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the Arabic alerts page: titles and reasons in Arabic', async () => {
  const { page, problems } = await open('ar', '#/alerts', '.alert-card');
  const cards = page.locator('.alert-card');
  const n = await cards.count();
  assert.ok(n >= 2, `${n} alerts`);
  for (let i = 0; i < n; i++) {
    const title = cards.nth(i).locator('h3');
    assert.equal(await title.getAttribute('lang'), 'ar');
    assert.match(
      (await title.textContent()) ?? '',
      /^(انقطاع .* عن النشر|رسالة وداع من .*|انقطاع محتمل للاتصالات في .*)$/,
    );
    const reason = cards.nth(i).locator('.reason-text');
    assert.equal(await reason.getAttribute('dir'), 'rtl');
    const text = (await reason.textContent()) ?? '';
    assert.match(text, ARABIC_LETTER, text);
    assert.doesNotMatch(text, ASCII_DIGIT, text);
  }
  await page.screenshot({ path: `${SHOTS}/ar-desktop-alerts-reasons.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('English pages keep the English reasons as recorded', async () => {
  const { page, problems } = await open('en', '#/alerts', '.alert-card');
  const text = (await page.locator('.alert-card .reason-text').first().textContent()) ?? '';
  assert.doesNotMatch(text, ARABIC_LETTER);
  assert.equal(await page.locator('.alert-card .reason-text').first().getAttribute('dir'), 'ltr');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the replay banner shows only while the replay clock is on', async () => {
  const before = await readReplayClock(s.store.db);
  assert.equal(before.clock.mode, 'at', 'vigil demo turned the replay clock on');
  try {
    const on = await open('en', '#/people', '.person-card');
    const banner = on.page.locator('.banner.replay');
    assert.equal(await banner.count(), 1);
    assert.match(
      (await banner.textContent()) ?? '',
      /^Replay: this board is judged at 14 Dec 2016, 22:00 UTC, not now\./,
    );
    await on.page.locator('.person-card').first().click();
    await on.page.waitForSelector('.note-form');
    assert.equal(await on.page.locator('.banner.replay').count(), 1, 'on a person’s page too');
    assert.deepEqual(on.problems, []);
    await on.page.context().close();

    const ar = await open('ar', '#/people', '.person-card');
    assert.match((await ar.page.locator('.banner.replay').textContent()) ?? '', /^إعادة عرض: تُقيَّم هذه اللوحة عند /);
    await ar.page.context().close();

    await setClock({ mode: 'off' });
    const off = await open('en', '#/people', '.person-card');
    assert.equal(await off.page.locator('.banner.replay').count(), 0);
    // Judged at now, the 2016 demo is ten years silent: nobody is hidden behind a banner.
    assert.ok((await off.page.locator('.person-card.state-silent, .person-card.state-farewell').count()) >= 15);
    assert.deepEqual(off.problems, []);
    await off.page.context().close();
  } finally {
    await setClock(before.clock);
  }
});

test('replayed at the al-Sukkari outage, the Arabic page explains the outage in Arabic', async () => {
  const before = await readReplayClock(s.store.db);
  try {
    await setClock({ mode: 'at', at: '2016-12-12T18:00:00+02:00' });
    const { page, problems } = await open('ar', '#/people', '.banner.outage');
    assert.match((await page.locator('.banner.replay').textContent()) ?? '', /١٢‏\/١٢‏\/٢٠١٦، ٤:٠٠ م UTC/);
    const why = page.locator('.banner.outage .reason-text');
    assert.equal(await why.getAttribute('lang'), 'ar');
    const text = (await why.textContent()) ?? '';
    assert.match(text, /^يُرجَّح انقطاع الاتصالات في .*: توقّف عن النشر معًا [٠-٩]+ من أصل [٠-٩]+ من المتابَعين هناك/, text);
    assert.match(text, /الأشخاص: /, text);
    assert.match(text, /في \u2068السكري\u2069/, text);
    assert.doesNotMatch(text, ASCII_DIGIT, text);
    await page.screenshot({ path: `${SHOTS}/ar-desktop-watchlist-outage.png` });
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    await setClock(before.clock);
  }
});
