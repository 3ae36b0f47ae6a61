/**
 * The XSS corpus (issue 20) in Debian's chromium: messages, authors, a watchlist person's name, area and
 * notes, and an alert comment carry classic payloads, hostile URLs and bidi overrides. Every page that can
 * show them is opened; no dialog fires, no element carries an inline handler or a javascript:/data:/
 * vbscript: link, nothing is fetched from anywhere but Vigil, the payloads are shown as text, names cannot
 * flip the UI text around them, and the evidence tier keeps the bytes as they were sent.
 * Pages are checked twice: with the CSP bypassed (so the rendering itself is tested, not only the CSP
 * behind it) and with it on (no CSP violation either). Screenshots: test-results/screenshots/xss-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ALERT_RAISED } from '../../src/core/alert.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildServer } from '../../src/server/app.ts';
import { addUser, createToken } from '../../src/server/auth/accounts.ts';
import { ensureWebBuilt } from '../../src/server/build-web.ts';
import type { App } from '../../src/server/context.ts';
import type { Store } from '../../src/store/contract.ts';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { addPerson, boardAt } from '../../src/watch/watchlist.ts';
import { DESKTOP, launch, PASSWORD } from './demo-server.ts';
import {
  ACK_COMMENT,
  type CorpusPerson,
  HOSTILE_URLS,
  MARK,
  NOTE_TEXT,
  PAYLOADS,
  PEOPLE,
  REMOTE_MEDIA,
} from './xss-corpus.ts';

const SHOTS = 'test-results/screenshots';
const HOUR = 3_600_000;
const MARKET = '12 people were killed in the shelling of the market near the old bakery this morning';

interface Sent {
  id: string;
  line: string;
  text: string;
  person: CorpusPerson;
  url?: string;
  media?: unknown[];
}

let dir: string;
let app: App;
let store: Store;
let url: string;
let token: string;
let browser: Browser;
let body = '';
const sent: Sent[] = [];
const personIds = new Map<string, string>();

/** The hostile fields a payload message carries besides its text. */
function hostile(i: number) {
  const n = HOSTILE_URLS.length;
  return {
    url: HOSTILE_URLS[i % n],
    media: [
      HOSTILE_URLS[(i + 1) % n],
      { url: REMOTE_MEDIA, mime: 'image/png', originalName: `<img src=x onerror=alert('vx-media-name')>.png` },
      { url: HOSTILE_URLS[(i + 2) % n], mime: 'text/html', originalName: `"><svg onload=alert('vx-media-${i}')>` },
    ],
  };
}

/**
 * Posts on a steady rhythm for each person, the last ones carrying the payloads: A and B then fall silent,
 * D posts a farewell, C is still posting (so this is not a silence of the whole watchlist).
 */
function corpusMessages(now: number) {
  const byKey = Object.fromEntries(PEOPLE.map((p) => [p.key, p]));
  const plan: { key: string; from: number; to: number; every: number; payloads: string[] }[] = [
    {
      key: 'a',
      from: 72,
      to: 30,
      every: 3,
      payloads: [
        PAYLOADS.img,
        PAYLOADS.script,
        PAYLOADS.svg,
        PAYLOADS.anchor,
        PAYLOADS.iframe,
        PAYLOADS.details,
        PAYLOADS.focus,
      ],
    },
    {
      key: 'b',
      from: 72,
      to: 40,
      every: 4,
      payloads: [PAYLOADS.mxss, PAYLOADS.object, PAYLOADS.template, PAYLOADS.dollar],
    },
    {
      key: 'd',
      from: 72,
      to: 24,
      every: 4,
      payloads: [
        PAYLOADS.bareJs,
        PAYLOADS.bareData,
        PAYLOADS.svg2,
        `<img src=x onerror=alert('vx-dup')> ${MARKET} ${MARK}!`,
        `This may be my last message. Goodbye, remember us <img src=x onerror=alert('vx-farewell')> ${MARK}`,
      ],
    },
    {
      key: 'c',
      from: 60,
      to: 1,
      every: 6,
      payloads: [`<img src=x onerror=alert('vx-dup')> ${MARKET} ${MARK}`],
    },
  ];
  const out: Record<string, unknown>[] = [];
  let n = 0;
  for (const p of plan) {
    const person = byKey[p.key];
    const times: number[] = [];
    for (let h = p.from; h >= p.to; h -= p.every) times.push(now - h * HOUR);
    times.forEach((t, i) => {
      const k = times.length - p.payloads.length;
      const payload = i >= k ? p.payloads[i - k] : undefined;
      const id = `corpus-${p.key}-${i}`;
      const extra = payload && p.key !== 'c' ? hostile(n++) : { url: `https://twitter.com/${p.key}/status/${id}` };
      out.push({
        platform: 'twitter',
        id,
        author: { id: `acct-${p.key}`, handle: person.handle, displayName: person.displayName },
        postedAt: new Date(t).toISOString().replace(/\.\d+Z$/, 'Z'),
        text: payload ?? `routine update ${i} from the shelter`,
        lang: 'en',
        ...extra,
      });
    });
  }
  return out;
}

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  const buf = Buffer.from(await res.arrayBuffer());
  assert.ok(res.ok, `${path}: ${res.status} ${buf.toString()}`);
  return buf;
}
const json = async <T>(path: string, init?: RequestInit): Promise<T> => JSON.parse((await call(path, init)).toString());

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'vigil-xss-'));
  store = await openVigilStore({ dataDir: dir });
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    await addUser(store, { username: role, role, password: PASSWORD }, 'test');
  token = (await createToken(store, 'analyst', 'test')).token;
  const blobs = new BlobStore(join(dir, 'blobs'));
  app = await buildServer({
    store,
    blobs,
    webRoot: await ensureWebBuilt(),
    log: false,
    loginLimit: { max: 1000, timeWindow: 60_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const now = Date.now();
  const messages = corpusMessages(now);
  body = `${messages.map((m) => JSON.stringify(m)).join('\n')}\n`;
  const summary = await json<{ new: number; rejected: number; rejections: unknown[] }>('/api/ingest', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body,
  });
  assert.equal(summary.rejected, 0, JSON.stringify(summary.rejections));
  assert.equal(summary.new, messages.length);
  const found = await json<{ hits: { id: string; text: string; author: { id: string } }[] }>(
    `/api/search?${new URLSearchParams({ platform: 'twitter', limit: '200' })}`,
  );
  for (const m of messages) {
    const author = (m.author as { id: string }).id;
    const hit = found.hits.find((h) => h.text === m.text && h.author.id === author && h.text.includes(MARK));
    if (!hit) continue;
    const person = PEOPLE.find((p) => `acct-${p.key}` === author) as CorpusPerson;
    sent.push({
      id: hit.id,
      line: JSON.stringify(m),
      text: m.text as string,
      person,
      url: m.url as string,
      media: m.media as unknown[],
    });
  }

  const at = new Date(now).toISOString();
  for (const p of PEOPLE) {
    const accounts = [{ platform: 'twitter', handle: p.handle }, ...(p.extraAccount ? [p.extraAccount] : [])];
    const added = await addPerson(store, { name: p.name, nameAr: p.nameAr, accounts, area: p.area }, 'test', at);
    personIds.set(p.key, added.id);
  }
  await call(`/api/people/${personIds.get('a')}/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: NOTE_TEXT, status: 'believed_missing' }),
  });
  const alerts = candidateAlerts(await boardAt(store, now));
  await store.append(alerts.map((alert) => ({ kind: ALERT_RAISED, at, actor: 'system', payload: { alert } })));
  const farewell = alerts.find((a) => a.kind === 'person.farewell');
  if (farewell)
    await call(`/api/alerts/${farewell.id}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ comment: ACK_COMMENT }),
    });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Session {
  ctx: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Signed in as `user`; every dialog, page error and request that leaves Vigil's origin is a problem.
 * With `bypassCSP` the page's own rendering is all that stands between a payload and a dialog.
 */
async function session(user: string, opts: { bypassCSP: boolean; lang?: 'en' | 'ar' }): Promise<Session> {
  const ctx = await browser.newContext({ viewport: DESKTOP, bypassCSP: opts.bypassCSP });
  await ctx.addInitScript((l) => {
    localStorage.setItem('vigil.lang', l);
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  }, opts.lang ?? 'en');
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(`${url}/`)) problems.push(`request left Vigil: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401|400|404|Unauthorized/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.topbar');
  return { ctx, page, problems };
}

/** Everything in the DOM a payload could have turned into: inline handlers, script URLs, injected elements. */
async function domProblems(page: Page): Promise<string[]> {
  return page.evaluate((origin) => {
    const bad: string[] = [];
    const SCHEME = /^(javascript|data|vbscript):/i;
    const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'ping'];
    const TEXT_ATTRS = ['value', 'title', 'alt', 'aria-label', 'placeholder'];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        const name = a.name.toLowerCase();
        // Browsers drop ASCII whitespace and controls inside a scheme: "java\tscript:" is javascript:.
        const squeezed = Array.from(a.value)
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join('');
        if (name.startsWith('on')) bad.push(`<${el.tagName.toLowerCase()} ${name}="${a.value}">`);
        if (URL_ATTRS.includes(name) && SCHEME.test(squeezed))
          bad.push(`<${el.tagName.toLowerCase()} ${name}="${a.value}">`);
        if (a.value.includes('vx-') && !TEXT_ATTRS.includes(name)) {
          const sameOrigin = name === 'href' && (el as HTMLAnchorElement).href.startsWith(`${origin}/`);
          if (!sameOrigin) bad.push(`payload in an attribute: <${el.tagName.toLowerCase()} ${name}="${a.value}">`);
        }
      }
    }
    for (const a of Array.from(document.querySelectorAll('a[href]')) as HTMLAnchorElement[]) {
      if (!/^https?:$/.test(a.protocol)) bad.push(`link to ${a.protocol}: ${a.getAttribute('href')}`);
    }
    for (const s of Array.from(document.scripts)) {
      if (!s.src.startsWith(`${origin}/`)) bad.push(`script: ${s.outerHTML.slice(0, 80)}`);
    }
    const injected = document.querySelectorAll(
      'iframe, object, embed, frame, base, math, mglyph, details, img[src="x"]',
    );
    for (const el of Array.from(injected)) bad.push(`injected element: ${el.outerHTML.slice(0, 80)}`);
    const csp = (window as unknown as { __csp: string[] }).__csp;
    for (const v of csp) bad.push(`CSP violation: ${v}`);
    return bad;
  }, url);
}

/** Bidi controls are invisible; where they sit relative to the text is the bidi test's business. */
const visible = (s: string) => s.replace(/[\u2066-\u2069\u202a-\u202e]/g, '');

/** The page shows `needles` as text (so a test cannot pass by rendering nothing). */
async function assertShown(page: Page, where: string, needles: string[]) {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point: hidden text does not count
  const text = visible(await page.evaluate(() => document.body.innerText));
  for (const n of needles.map(visible)) assert.ok(text.includes(n), `${where}: shows ${JSON.stringify(n)} as text`);
}

/** Opens a route, reveals content warnings, lets images settle, and checks the DOM. */
async function visit(s: Session, hash: string, ready: string): Promise<void> {
  await s.page.goto(`${url}/${hash}`);
  await s.page.waitForSelector(ready);
  for (const b of await s.page.locator('.content-warning button').all()) await b.click();
  await s.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const pending = Array.from(document.images).filter((i) => !i.complete);
        let left = pending.length;
        if (left === 0) return requestAnimationFrame(() => resolve());
        for (const i of pending) {
          const done = () => --left === 0 && resolve();
          i.addEventListener('load', done, { once: true });
          i.addEventListener('error', done, { once: true });
        }
      }),
  );
  assert.deepEqual(await domProblems(s.page), [], `${hash}: DOM`);
  assert.deepEqual(s.problems, [], `${hash}: dialogs, errors, requests`);
}

/**
 * Where the characters of `text` land on screen, for each place it occurs inside an element matching
 * `selector`: 'ltr' when its first character is left of its last. An override leaking out of a name would
 * reverse the text after it.
 */
async function visualOrder(page: Page, selector: string, text: string): Promise<('ltr' | 'rtl')[]> {
  return page.evaluate(
    ([sel, t]) => {
      const out: ('ltr' | 'rtl')[] = [];
      for (const el of Array.from(document.querySelectorAll(sel))) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const i = n.data.indexOf(t);
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const first = r.getBoundingClientRect();
          r.setStart(n, i + t.length - 1);
          r.setEnd(n, i + t.length);
          const last = r.getBoundingClientRect();
          out.push(first.left < last.left ? 'ltr' : 'rtl');
        }
      }
      return out;
    },
    [selector, text] as const,
  );
}

async function assertOrder(page: Page, selector: string, text: string, dir: 'ltr' | 'rtl', min = 1) {
  const found = await visualOrder(page, selector, text);
  assert.ok(found.length >= min, `${selector}: "${text}" found ${found.length} times`);
  assert.deepEqual(
    found,
    found.map(() => dir),
    `${selector}: "${text}" reads ${dir}`,
  );
}

const payloadTexts = (key: string) => sent.filter((m) => m.person.key === key).map((m) => m.text);

test('the harness can fail: a payload put into the page as HTML opens a dialog, and CSP reports it', async () => {
  const open = await session('viewer', { bypassCSP: true });
  await open.page.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', `<img src=x onerror="alert('vx-canary')">`),
  );
  await open.page.waitForEvent('dialog').catch(() => {});
  await open.page.waitForFunction(() => document.querySelector('img[src="x"]'));
  assert.ok(open.problems.includes('dialog: vx-canary'), open.problems.join('\n'));
  assert.ok((await domProblems(open.page)).some((p) => p.includes('onerror')));
  await open.ctx.close();

  const guarded = await session('viewer', { bypassCSP: false });
  await guarded.page.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', `<img src=x onerror="alert('vx-canary')">`),
  );
  await guarded.page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length > 0);
  assert.ok(!guarded.problems.some((p) => p.startsWith('dialog')), 'the CSP blocked the handler');
  assert.ok((await domProblems(guarded.page)).some((p) => p.startsWith('CSP violation')));
  await guarded.ctx.close();
});

test('the corpus went in: every payload message, person and alert is there', async () => {
  assert.equal(sent.length, 17, sent.map((m) => m.text).join('\n'));
  assert.equal(personIds.size, PEOPLE.length);
  const alerts = await json<{ alert: { kind: string; personId?: string } }[]>('/api/alerts?state=all');
  const kinds = alerts.map((a) => `${a.alert.kind} ${a.alert.personId}`);
  for (const k of ['a', 'b']) assert.ok(kinds.includes(`person.silent ${personIds.get(k)}`), kinds.join(', '));
  assert.ok(kinds.includes(`person.farewell ${personIds.get('d')}`), kinds.join(', '));
});

test('the original stays in the evidence tier byte for byte, and the message as it was received', async () => {
  for (const m of sent) {
    const d = await json<{
      message: { text: string; url?: string; author: { handle?: string; displayName?: string }; media: unknown[] };
      provenance: { blob: { sha256: string }; locator: string };
    }>(`/api/messages/${m.id}`);
    assert.equal(d.message.text, m.text);
    assert.equal(d.message.url, m.url);
    assert.equal(d.message.author.handle, m.person.handle);
    assert.equal(d.message.author.displayName, m.person.displayName);
    const mediaUrls = (d.message.media as { url?: string }[]).map((x) => x.url);
    const sentUrls = (m.media ?? []).map((x) => (typeof x === 'string' ? x : (x as { url: string }).url));
    assert.deepEqual(mediaUrls, sentUrls);
    const original = await call(`/api/blobs/${d.provenance.blob.sha256}?download=1`);
    assert.ok(original.equals(Buffer.from(body, 'utf8')), 'the blob is the request body as sent');
    const line = Number(/#line=(\d+)$/.exec(d.provenance.locator)?.[1]);
    assert.equal(original.toString('utf8').split('\n')[line - 1], m.line, d.provenance.locator);
  }
});

/** The routes that can show corpus data, what each must be showing, and what tells it has loaded. */
function routes(): { hash: string; ready: string; shows: string[] }[] {
  const all = sent.map((m) => m.text);
  const out = [
    { hash: '#/', ready: '.message-card', shows: all },
    // Search shows a snippet: the words around the match.
    { hash: `#/search?q=${MARK}`, ready: '.message-card', shows: all.map((t) => t.slice(-50)) },
    {
      hash: `#/search?${new URLSearchParams({ q: `<img src=x onerror=alert('vx-q')>` })}`,
      ready: '.result-bar',
      shows: [],
    },
    {
      hash: `#/search?${new URLSearchParams({ author: PEOPLE[0].handle })}`,
      ready: '.message-card',
      shows: payloadTexts('a'),
    },
    { hash: '#/people', ready: '.person-card', shows: [...PEOPLE.map((p) => p.name), NOTE_TEXT] },
    { hash: '#/alerts', ready: '.alert-card', shows: [`${PEOPLE[0].name} has gone silent`, PEOPLE[1].name] },
    // Casualty figures name their source by handle.
    { hash: '#/overview', ready: 'table.casualties', shows: [`twitter:@${PEOPLE[2].handle}`] },
    { hash: `#/m/${encodeURIComponent(`<img src=x onerror=alert('vx-route')>`)}`, ready: '.error', shows: [] },
    { hash: `#/people/${encodeURIComponent(`"><svg onload=alert('vx-route-p')>`)}`, ready: '.error', shows: [] },
  ];
  for (const m of sent)
    out.push({ hash: `#/m/${m.id}`, ready: '.message-detail dl.provenance', shows: [m.text, m.person.displayName] });
  // The market report from C and its near-duplicate from D: each lists the other.
  const dups = sent.filter((m) => m.text.includes(MARKET));
  assert.equal(dups.length, 2);
  for (const [m, other] of [dups, [...dups].reverse()])
    out.push({ hash: `#/m/${m.id}`, ready: '.message-detail .dups a', shows: [other.text.slice(0, 140)] });
  for (const p of PEOPLE)
    out.push({
      hash: `#/people/${personIds.get(p.key)}`,
      ready: '.card .accounts',
      shows: [p.name, p.nameAr, p.area, `twitter:@${p.handle}`, ...(p.key === 'a' ? [NOTE_TEXT] : [])].filter(
        (x): x is string => x !== undefined,
      ),
    });
  return out;
}

for (const bypassCSP of [true, false]) {
  test(`every page shows the corpus as text and runs none of it (CSP ${bypassCSP ? 'bypassed' : 'on'})`, async () => {
    const s = await session('analyst', { bypassCSP });
    for (const r of routes()) {
      await visit(s, r.hash, r.ready);
      if (bypassCSP) await assertShown(s.page, r.hash, r.shows);
    }
    if (bypassCSP) {
      const q = `<img src=x onerror=alert('vx-q')>`;
      await visit(s, `#/search?${new URLSearchParams({ q })}`, '.result-bar');
      assert.equal(await s.page.inputValue('input[name=q]'), q, 'the query is put back as the input value');
      // A message whose url is https keeps its link to the original: the check refuses schemes, not links.
      const c = sent.find((m) => m.person.key === 'c') as Sent;
      await visit(s, `#/m/${c.id}`, '.message-detail dl.provenance');
      assert.equal(await s.page.getAttribute('.message-detail a[target=_blank]', 'href'), c.url);
      await s.page.goto(`${url}/#/search?q=${MARK}`);
      await s.page.waitForSelector('.message-card');
      await s.page.screenshot({ path: `${SHOTS}/xss-search.png`, fullPage: true });
      await visit(s, `#/m/${sent[0].id}`, '.message-detail dl.provenance');
      await s.page.screenshot({ path: `${SHOTS}/xss-message.png`, fullPage: true });
    }
    await s.ctx.close();
  });
}

test('the acknowledged tab, the audit log and the person filter show the corpus as text', async () => {
  const s = await session('admin', { bypassCSP: true });
  await visit(s, '#/alerts', '.alert-card');
  await s.page.getByRole('tab').nth(1).click();
  await s.page.waitForSelector('.alert-card .acked');
  await assertShown(s.page, 'acknowledged alerts', [ACK_COMMENT]);
  assert.deepEqual(await domProblems(s.page), []);
  await visit(s, '#/audit', 'table');
  await visit(s, '#/', '.message-card');
  const select = s.page.locator('select[aria-label]').last();
  await select.focus();
  await s.page.waitForSelector(`option[value="${personIds.get('a')}"]`, { state: 'attached' });
  await select.selectOption(personIds.get('a') as string);
  await s.page.waitForFunction(
    (t) => Array.from(document.querySelectorAll('.message-card')).every((c) => c.textContent?.includes(t)),
    PEOPLE[0].displayName,
  );
  assert.deepEqual(await domProblems(s.page), []);
  assert.deepEqual(s.problems, []);
  await s.ctx.close();
});

test('a payload arriving on the live stream is shown as text', async () => {
  const s = await session('analyst', { bypassCSP: true });
  await visit(s, '#/', '.message-card');
  const text = `<img src=x onerror=alert('vx-live')> live ${MARK}`;
  await call('/api/ingest', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${JSON.stringify({
      platform: 'twitter',
      id: 'corpus-live',
      author: { id: 'acct-live', handle: `<svg onload=alert('vx-live-h')>`, displayName: PEOPLE[0].displayName },
      postedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      text,
      url: HOSTILE_URLS[0],
      media: [HOSTILE_URLS[3], REMOTE_MEDIA],
    })}\n`,
  });
  await s.page.locator('.message-card.fresh', { hasText: 'vx-live' }).waitFor();
  await assertShown(s.page, 'live', [text]);
  assert.deepEqual(await domProblems(s.page), []);
  assert.deepEqual(s.problems, []);
  await s.ctx.close();
});

test('a bidi override in a name or handle cannot flip the interface text around it', async () => {
  const en = await session('analyst', { bypassCSP: true });
  await visit(en, '#/alerts', '.alert-card');
  await assertOrder(en.page, '.alert-card h3', 'has gone silent', 'ltr', 2);
  await visit(en, '#/people', '.person-card');
  await en.page.screenshot({ path: `${SHOTS}/xss-watchlist.png`, fullPage: true });
  await assertOrder(en.page, '.person-card .accounts', 'telegram:@eve_backup', 'ltr');
  await assertOrder(en.page, '.person-card .note-line', 'analyst', 'ltr');
  await visit(en, `#/people/${personIds.get('a')}`, '.card .accounts');
  await assertOrder(en.page, '.card .accounts', 'telegram:@eve_backup', 'ltr');
  await assertOrder(en.page, '.notes .note-head', 'analyst', 'ltr');
  await visit(en, `#/search?q=${MARK}`, '.message-card');
  await assertOrder(en.page, '.message-card .message-meta', 'twitter', 'ltr');
  await visit(en, `#/m/${sent[0].id}`, '.message-detail dl.provenance');
  await assertOrder(en.page, '.message-detail .message-meta', 'twitter', 'ltr');
  await en.ctx.close();

  // Arabic titles wrap the name in FSI…PDI: a stray PDI in the name must not end that early.
  const ar = await session('analyst', { bypassCSP: true, lang: 'ar' });
  await visit(ar, '#/alerts', '.alert-card');
  await assertOrder(ar.page, '.alert-card h3', 'عن النشر', 'rtl', 2);
  await ar.page.screenshot({ path: `${SHOTS}/xss-alerts-ar.png`, fullPage: true });
  await visit(ar, '#/people', '.person-card');
  await visit(ar, `#/people/${personIds.get('b')}`, '.card .accounts');
  await ar.ctx.close();
});
