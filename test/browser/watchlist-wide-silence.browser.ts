/**
 * Everyone on the watchlist silent at once, in Debian's chromium. With the replay clock off the 2016 demo
 * is judged at real now: ten years without a post from anyone, which is what a stopped collector looks
 * like. The watchlist says so in one banner above any area outage (English as recorded, Arabic from the
 * facts, right to left), each card carries a short note, and the one `watchlist.silent` alert has an
 * Arabic title. Its own demo server, so the other browser tests keep their clock and their alerts.
 * Screenshots: test-results/screenshots/{en,ar}-desktop-watchlist-wide.png, ar-phone-watchlist-wide.png,
 * ar-desktop-alerts-wide.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ALERT_RAISED } from '../../src/core/alert.ts';
import { createToken } from '../../src/server/auth/accounts.ts';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { boardAt } from '../../src/watch/watchlist.ts';
import { DESKTOP, type DemoServer, demoServer, launch, signIn } from './demo-server.ts';

const SHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };
const ARABIC_LETTER = /[\u0621-\u064A]/;
const ASCII_DIGIT = /[0-9]/;

let s: DemoServer;
let browser: Browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await demoServer();
  const adminToken = (await createToken(s.store, 'admin', 'test')).token;
  const res = await fetch(`${s.url}/api/settings/replay-clock`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'off' }),
  });
  assert.equal(res.status, 200, await res.text());
  // What `vigil watch` would raise now: one alert for the watchlist, none per area or person.
  const wide = candidateAlerts(await boardAt(s.store, Date.now())).filter((a) => a.kind === 'watchlist.silent');
  assert.equal(wide.length, 1, 'judged at now, the demo watchlist is silent as a whole');
  await s.store.append(
    wide.map((alert) => ({ kind: ALERT_RAISED, at: alert.at, actor: 'system', payload: { alert } })),
  );
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

/** The banner comes first: before any area outage banner and before the cards. */
async function bannerIsFirst(page: Page): Promise<void> {
  const order = await page.locator('.page.watchlist .banner').evaluateAll((els) => els.map((el) => el.className));
  assert.equal(order[0], 'banner wide-silence', order.join(' | '));
}

test('English: one banner says nobody on the watchlist is posting, in the words recorded', async () => {
  const { page, problems } = await open('en', '#/people', '.banner.wide-silence');
  const banner = page.locator('.banner.wide-silence');
  assert.equal(await banner.count(), 1);
  assert.equal(await banner.getAttribute('role'), 'alert');
  await bannerIsFirst(page);
  assert.equal(await page.locator('.banner.replay').count(), 0, 'judged at now, not a replay');
  assert.match((await banner.locator('strong').textContent()) ?? '', /^The whole watchlist has gone silent$/);
  const why = banner.locator('.reason-text');
  assert.equal(await why.getAttribute('lang'), 'en');
  const text = (await why.textContent()) ?? '';
  assert.match(text, /^nobody on the watchlist has posted since .*Check that collection is still running/, text);
  const cards = await page.locator('.person-card').count();
  const noted = await page.locator('.person-card .wide-note').count();
  assert.ok(noted >= 3 && noted <= cards, `${noted} of ${cards} cards`);
  assert.equal(
    await page.locator('.person-card .wide-note').first().textContent(),
    'Whole watchlist silent: collection may have stopped',
  );
  await page.screenshot({ path: `${SHOTS}/en-desktop-watchlist-wide.png` });
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('Arabic: the banner is an Arabic sentence built from the facts, right to left', async () => {
  const { page, problems } = await open('ar', '#/people', '.banner.wide-silence');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await bannerIsFirst(page);
  const banner = page.locator('.banner.wide-silence');
  assert.equal(await banner.locator('strong').textContent(), 'صمتت قائمة المتابعة كلها');
  const why = banner.locator('.reason-text');
  assert.equal(await why.getAttribute('lang'), 'ar');
  assert.equal(await why.getAttribute('dir'), 'rtl');
  assert.equal(await why.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  const text = (await why.textContent()) ?? '';
  assert.match(
    text,
    /^لم ينشر أحد من قائمة المتابعة \([٠-٩٬]+ (شخصًا|أشخاص|شخص)\) منذ .* \(قبل [٠-٩٬٫]+ (يومًا|أيام|يوم)\)/,
    text,
  );
  assert.match(text, /واحتمال توقّف بهذا الطول لهم مجتمعين: /, text);
  assert.match(
    text,
    /تحقّق من أن جمع المنشورات ما زال يعمل \(ربما توقّف مصدر أو أداة استيراد\)؛ وإلا فالأرجح انقطاع أوسع من منطقة واحدة\.$/,
    text,
  );
  assert.doesNotMatch(text, ASCII_DIGIT, `Arabic-Indic digits only: ${text}`);
  const note = page.locator('.person-card .wide-note').first();
  assert.equal(await note.textContent(), 'قائمة المتابعة كلها صامتة: ربما توقّف جمع المنشورات');
  const reason = (await page.locator('.person-card:has(.wide-note) .reason').first().textContent()) ?? '';
  assert.match(
    reason,
    /ولم ينشر أحد من قائمة المتابعة منذ .*: ربما توقّف جمع المنشورات، أو أن الانقطاع أوسع من منطقة واحدة\.$/,
    reason,
  );
  await page.screenshot({ path: `${SHOTS}/ar-desktop-watchlist-wide.png` });
  await page.locator('.person-card:has(.wide-note)').first().click();
  await page.waitForSelector('.note-form');
  assert.equal(
    await page.locator('.card .banner.wide-silence').textContent(),
    'قائمة المتابعة كلها صامتة: ربما توقّف جمع المنشورات',
    'on the person’s page too',
  );
  assert.deepEqual(problems, []);
  await page.context().close();

  const phone = await open('ar', '#/people', '.banner.wide-silence', PHONE);
  const box = await phone.page.locator('.banner.wide-silence').boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width + 1, `fits a phone: ${JSON.stringify(box)}`);
  await phone.page.screenshot({ path: `${SHOTS}/ar-phone-watchlist-wide.png` });
  assert.deepEqual(phone.problems, []);
  await phone.page.context().close();
});

test('the one watchlist alert: an Arabic title, its kind, and who had been posting', async () => {
  const { page, problems } = await open('ar', '#/alerts', '.alert-card.kind-watchlist-silent');
  const card = page.locator('.alert-card.kind-watchlist-silent');
  assert.equal(await card.count(), 1);
  const title = card.locator('h3');
  assert.equal(await title.getAttribute('lang'), 'ar');
  assert.equal(await title.getAttribute('dir'), 'rtl');
  assert.match((await title.textContent()) ?? '', /^لم ينشر أحد من قائمة المتابعة منذ \u2068.*[٠-٩].* UTC\u2069$/);
  assert.equal(await card.locator('.kind-label').textContent(), 'صمت قائمة المتابعة كلها');
  const why = (await card.locator('.reason-text').textContent()) ?? '';
  assert.match(why, /^لم ينشر أحد من قائمة المتابعة /, why);
  assert.match(why, /كان ينشر قُبيل ذلك: .*، .*\.$/, why);
  assert.match(why, ARABIC_LETTER);
  const facts = (await card.locator('dl.facts').textContent()) ?? '';
  assert.match(facts, /أقل من ١ \/ ١٬٠٠٠٬٠٠٠٬٠٠٠/, `odds past a billion said as such: ${facts}`);
  await page.screenshot({ path: `${SHOTS}/ar-desktop-alerts-wide.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await page.context().close();

  const en = await open('en', '#/alerts', '.alert-card.kind-watchlist-silent');
  const enCard = en.page.locator('.alert-card.kind-watchlist-silent');
  assert.match((await enCard.locator('h3').textContent()) ?? '', /^Nobody on the watchlist has posted since /);
  assert.equal(await enCard.locator('.kind-label').textContent(), 'Watchlist silent');
  assert.deepEqual(en.problems, []);
  await en.page.context().close();
});
