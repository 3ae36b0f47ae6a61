import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { main } from '../../src/cli/main.ts';
import { ALERT_RAISED } from '../../src/core/alert.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildServer } from '../../src/server/app.ts';
import { addUser, createToken } from '../../src/server/auth/accounts.ts';
import { ensureWebBuilt } from '../../src/server/build-web.ts';
import type { App } from '../../src/server/context.ts';
import type { Store } from '../../src/store/contract.ts';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { boardAt } from '../../src/watch/watchlist.ts';

export const PASSWORD = 'browser-test-password';
/** The demo scenario's last moment: a silence, a farewell, an outage earlier on. */
export const SCENARIO_END = Date.parse('2016-12-15T00:00:00+02:00');

export interface DemoServer {
  app: App;
  store: Store;
  blobs: BlobStore;
  url: string;
  analystToken: string;
  close(): Promise<void>;
}

/** The demo scenario in a temp folder, three users, the alerts due at the scenario's end, and the server. */
export async function demoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-browser-'));
  const quiet = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await main(['demo', '--data', dir]);
    if (code !== 0) throw new Error(`vigil demo failed with ${code}`);
  } finally {
    process.stdout.write = quiet;
  }
  const store = await openVigilStore({ dataDir: dir });
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    await addUser(store, { username: role, role, password: PASSWORD }, 'test');
  const analystToken = (await createToken(store, 'analyst', 'test')).token;
  const alerts = candidateAlerts(await boardAt(store, SCENARIO_END));
  await store.append(
    alerts.map((alert) => ({ kind: ALERT_RAISED, at: alert.at, actor: 'system', payload: { alert } })),
  );
  const webRoot = await ensureWebBuilt();
  const blobs = new BlobStore(join(dir, 'blobs'));
  // Many sign-ins from one address in a minute: the login limit itself is tested in test/server.
  const app = await buildServer({ store, blobs, webRoot, log: false, loginLimit: { max: 1000, timeWindow: 60_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    store,
    blobs,
    url,
    analystToken,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };

/**
 * A fresh browser context signed in as `user` on the feed, in `lang`, collecting page errors, console
 * errors (other than the expected 401 before sign-in) and dialogs as problems a test can assert empty.
 */
export async function signIn(
  browser: Browser,
  url: string,
  user: string,
  viewport = DESKTOP,
  lang: 'en' | 'ar' = 'en',
): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: lang === 'ar' ? 'ar' : 'en-GB' });
  await ctx.addInitScript((l) => localStorage.setItem('vigil.lang', l), lang);
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.message-card');
  return { ctx, page, problems };
}
