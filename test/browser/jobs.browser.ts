/**
 * The Jobs page in Debian's chromium, on PostgreSQL with pg-boss: imports that failed for real (their
 * upload is not in the blob store) are listed with their errors; an admin sees Retry on a failed job and
 * Cancel on one waiting for a retry, and a click changes the list (a cancelled job stays listed, with Retry);
 * a viewer sees no buttons; in Arabic the page is right to left, states are in words, while queue names and
 * the recorded (English) errors stay left to right.
 * Screenshots: test-results/screenshots/en-desktop-jobs-viewer.png, en-desktop-jobs-admin.png,
 * en-desktop-jobs-admin-after.png, ar-desktop-jobs.png.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import { PGBOSS_SCHEMA, PgBossQueue } from '../../src/pipeline/jobs/pg-boss-queue.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildServer } from '../../src/server/app.ts';
import { addUser } from '../../src/server/auth/accounts.ts';
import { ensureWebBuilt } from '../../src/server/build-web.ts';
import type { App } from '../../src/server/context.ts';
import type { Store } from '../../src/store/contract.ts';
import { createTestDatabase, PG_URL } from '../helpers/stores.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { DESKTOP, launch, PASSWORD, signIn } from './demo-server.ts';

const SHOTS = 'test-results/screenshots';
const ARABIC_LETTER = /[\u0621-\u064A]/;

describe('the Jobs page on PostgreSQL', { skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set' }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let blobs: BlobStore;
  let queue: PgBossQueue;
  let app: App;
  let url: string;
  let browser: Browser;
  /** Two uploads whose imports fail; the first is put in the blob store before its retry. */
  const uploads: { file: string; sha256: string; job: string }[] = [];
  let retrying: string;

  async function sql(text: string, values: unknown[]): Promise<void> {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(text, values);
    } finally {
      await c.end();
    }
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    dir = tempDir();
    store = await openVigilStore({ dataDir: dir.path, databaseUrl: db.url });
    blobs = new BlobStore(join(dir.path, 'blobs'));
    await addUser(store, { username: 'admin', role: 'admin', password: PASSWORD }, 'test');
    await addUser(store, { username: 'viewer', role: 'viewer', password: PASSWORD }, 'test');
    // One message, so the feed the sign-in lands on has a card.
    await captureBatch(
      store,
      [
        {
          raw: {
            platform: 'telegram',
            nativeId: '1',
            author: { id: 'aleppo_news' },
            postedAt: '2016-12-13T12:00:00.000Z',
            text: 'The shelling stopped at dawn',
            media: [],
          },
          provenance: { source: 'test', blob: 'a'.repeat(64), locator: 'test', importer: { name: 't', version: '1' } },
          file: 'test',
          place: 'index=0',
        },
      ],
      { actor: 'test', capturedAt: new Date().toISOString(), stages: [] },
    );
    queue = await PgBossQueue.open(db.url, { store, blobs, env: {} });
    for (const k of [1, 2, 3]) {
      const file = join(dir.path, `upload-${k}.jsonl`);
      writeFileSync(
        file,
        `${JSON.stringify({ platform: 'twitter', author: `a${k}`, id: String(k), postedAt: '2016-12-12T08:00:00Z', text: `report ${k}` })}\n`,
      );
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      const job = await queue.send('import', { blob: sha256, name: `upload-${k}.jsonl`, format: 'jsonl' });
      assert.ok(job);
      uploads.push({ file, sha256, job });
    }
    // the first two fail for good at once; the third waits an hour for its next try
    await sql(`update ${PGBOSS_SCHEMA}.job set retry_limit = 0 where id = any($1)`, [[uploads[0].job, uploads[1].job]]);
    await sql(
      `update ${PGBOSS_SCHEMA}.job set retry_limit = 3, retry_delay = 3600, retry_backoff = false where id = $1`,
      [uploads[2].job],
    );
    retrying = uploads[2].job;
    const stop = new AbortController();
    let failures = 0;
    await queue.work({
      queues: ['import'],
      concurrency: 1,
      signal: stop.signal,
      onJob: (e) => {
        if (!e.ok && ++failures === 3) stop.abort();
      },
    });
    assert.deepEqual((await queue.problems()).map((p) => p.state).sort(), ['failed', 'failed', 'retry']);
    app = await buildServer({ store, blobs, jobs: queue, webRoot: await ensureWebBuilt(), log: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await queue?.close();
    await store?.close();
    await db?.drop();
    dir?.remove();
  });

  async function jobsPage(user: 'admin' | 'viewer', lang: 'en' | 'ar' = 'en') {
    const { page, problems } = await signIn(browser, url, user, DESKTOP, lang);
    await page.goto(`${url}/#/jobs`);
    await page.waitForSelector('.page.jobs table');
    return { page, problems };
  }

  /** The failures table's rows as [cells, button labels], keyed by the row's error cell. */
  async function problemRows(page: Page): Promise<{ cells: string[]; buttons: string[] }[]> {
    const tables = page.locator('.page.jobs table');
    if ((await tables.count()) < 2) return [];
    return tables
      .nth(1)
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
          buttons: [...tr.querySelectorAll('button')].map((b) => (b.textContent ?? '').trim()),
        })),
      );
  }

  test('a viewer sees the failures with their errors and no buttons', async () => {
    const { page, problems } = await jobsPage('viewer');
    assert.match((await page.locator('.page.jobs p.muted').first().textContent()) ?? '', /pg-boss|PostgreSQL|worker/i);
    const importRow = page.locator('.page.jobs table').first().locator('tbody tr', { hasText: 'import' });
    const depth = (await importRow.locator('td').allTextContents()).map((s) => s.trim());
    assert.equal(depth[5], '2', 'two imports failed');
    const rows = await problemRows(page);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r.cells[1]).sort(), ['Failed', 'Failed', 'Waiting to retry']);
    for (const r of rows) assert.match(r.cells[4], /blob|not found|missing|no such/i, r.cells[4]);
    assert.equal(await page.locator('.page.jobs button').count(), 0);
    await page.screenshot({ path: `${SHOTS}/en-desktop-jobs-viewer.png`, fullPage: true });
    assert.deepEqual(problems, []);
  });

  test('an admin retries a failed job and cancels one waiting for a retry; the list follows', async () => {
    const { page, problems } = await jobsPage('admin');
    let rows = await problemRows(page);
    assert.deepEqual(rows.map((r) => `${r.cells[1]}:${r.buttons.join()}`).sort(), [
      'Failed:Retry',
      'Failed:Retry',
      'Waiting to retry:Cancel',
    ]);
    await page.screenshot({ path: `${SHOTS}/en-desktop-jobs-admin.png`, fullPage: true });
    // the cause is fixed (the uploads are stored); a failed row's Retry puts its job back in the queue
    for (const u of uploads) await blobs.putFile(u.file);
    const failures = page.locator('.page.jobs table').nth(1).locator('tbody tr');
    await failures.filter({ hasText: 'Failed' }).first().getByRole('button', { name: 'Retry' }).click();
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.page.jobs button').length === 3 &&
        [...document.querySelectorAll('.page.jobs button')].filter((b) => b.textContent === 'Cancel').length === 2,
    );
    rows = await problemRows(page);
    assert.deepEqual(rows.map((r) => `${r.cells[1]}:${r.buttons.join()}`).sort(), [
      'Failed:Retry',
      'Waiting to retry:Cancel',
      'Waiting to retry:Cancel',
    ]);
    const states = async () => Promise.all(uploads.map(async (u) => (await queue.getJob(u.job))?.state ?? '?'));
    const afterRetry = await states();
    assert.equal(afterRetry[2], 'retry', 'the job waiting an hour is untouched');
    assert.deepEqual(afterRetry.slice(0, 2).sort(), ['failed', 'retry'], 'one failed job was retried');
    // the newest row is the job waiting an hour: its Cancel turns it into a cancelled job, listed with Retry
    await failures.first().getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('.page.jobs button')].filter((b) => b.textContent === 'Cancel').length === 1,
    );
    assert.equal((await queue.getJob(retrying))?.state, 'cancelled');
    rows = await problemRows(page);
    const listed = rows.map((r) => `${r.cells[1]}:${r.buttons.join()}`);
    assert.equal(listed[0], 'Cancelled:Retry', 'newest first: the cancelled job was queued last');
    assert.deepEqual(listed.slice(1).sort(), ['Failed:Retry', 'Waiting to retry:Cancel']);
    // a worker runs the retried import; after a reload only the failure not retried is listed
    const done = await queue.work({ queues: ['import', 'analysis'], concurrency: 1, untilIdle: true });
    assert.equal(done.failed, 0);
    assert.deepEqual((await states()).slice(0, 2).sort(), ['completed', 'failed']);
    await page.reload();
    await page.waitForSelector('.page.jobs table');
    rows = await problemRows(page);
    assert.deepEqual(
      rows.map((r) => `${r.cells[1]}:${r.buttons.join()}`),
      ['Cancelled:Retry', 'Failed:Retry'],
    );
    // another admin retries the last failure behind this page's back: its Retry is refused (409), the
    // page says why and shows the job as it now is instead of replacing the list with the error
    const lastFailed = (await states()).indexOf('failed');
    assert.ok(lastFailed >= 0);
    assert.equal(await queue.retry(uploads[lastFailed].job), true);
    await failures.filter({ hasText: 'Failed' }).first().getByRole('button', { name: 'Retry' }).click();
    await page.waitForSelector('.page.jobs [role=alert]');
    assert.match(
      (await page.locator('.page.jobs [role=alert]').textContent()) ?? '',
      /is waiting for a retry; it cannot be retried/,
    );
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.page.jobs button')].some((b) => b.textContent === 'Cancel'),
    );
    rows = await problemRows(page);
    assert.deepEqual(
      rows.map((r) => `${r.cells[1]}:${r.buttons.join()}`),
      ['Cancelled:Retry', 'Waiting to retry:Cancel'],
    );
    await page.screenshot({ path: `${SHOTS}/en-desktop-jobs-admin-after.png`, fullPage: true });
    // the browser logs the refused request itself; nothing else went wrong
    assert.deepEqual(
      problems.filter((p) => !/409/.test(p)),
      [],
    );
  });

  test('the Arabic Jobs page is right to left; queue names and recorded errors stay left to right', async () => {
    const { page, problems } = await jobsPage('admin', 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const table = page.locator('.page.jobs table').first();
    assert.equal(await table.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    for (const h of await page.locator('.page.jobs th').allTextContents())
      if (h.trim()) assert.match(h, ARABIC_LETTER, h);
    const queueCell = table.locator('tbody tr td').first();
    assert.equal(await queueCell.evaluate((el) => getComputedStyle(el).direction), 'ltr');
    const errorCell = page.locator('.page.jobs table').nth(1).locator('tbody tr td').nth(4);
    assert.equal(await errorCell.getAttribute('lang'), 'en');
    assert.equal(await errorCell.evaluate((el) => getComputedStyle(el).direction), 'ltr');
    for (const b of await page.locator('.page.jobs button').allTextContents()) assert.match(b, ARABIC_LETTER, b);
    // states in words, in Arabic: the job cancelled in the admin's test, and the one waiting for a retry
    const rows = await problemRows(page);
    assert.deepEqual(
      rows.map((r) => r.cells[1]),
      ['أُلغيت', 'بانتظار إعادة المحاولة'],
    );
    // counts and tries in Arabic-Indic digits, no Latin digit in either table
    for (const r of rows) assert.match(r.cells[2], /^[٠-٩]+$/, r.cells[2]);
    const depths = await table.locator('tbody td:not(:first-child)').allTextContents();
    for (const n of depths) assert.match(n.trim(), /^[٠-٩٬]+$/, n);
    await page.screenshot({ path: `${SHOTS}/ar-desktop-jobs.png`, fullPage: true });
    // Retry on the cancelled job queues it again: it leaves the list
    await page.locator('.page.jobs table').nth(1).locator('tbody tr').first().getByRole('button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('.page.jobs table')[1]?.querySelectorAll('tbody tr').length === 1,
    );
    assert.match((await queue.getJob(retrying))?.state ?? '', /^(created|retry)$/);
    assert.deepEqual(problems, []);
  });
});
