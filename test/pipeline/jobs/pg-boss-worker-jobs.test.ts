/**
 * What the job queue does on PostgreSQL with real job functions: an import that fails for real (its blob
 * is missing) is listed with its error by `vigil jobs` and GET /api/jobs, retried by `vigil jobs retry`
 * and POST /api/jobs/:id/retry after the cause is fixed, and completes; a poll of a followed account on
 * the local fake Mastodon instance stores its posts, records health and queues its next turn; a capture
 * job fetches a message's media from a local site and completes it exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { CAPTURE_COMPLETED } from '../../../src/core/capture-events.ts';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { captureBatch } from '../../../src/pipeline/capture.ts';
import { captureStage } from '../../../src/pipeline/capture-stage.ts';
import { enqueueCapture } from '../../../src/pipeline/jobs/capture-job.ts';
import { PGBOSS_SCHEMA, PgBossQueue } from '../../../src/pipeline/jobs/pg-boss-queue.ts';
import { enqueuePoll } from '../../../src/pipeline/jobs/poll-job.ts';
import { openVigilStore } from '../../../src/pipeline/open-vigil-store.ts';
import { captureJobsOf } from '../../../src/store/queries/capture-queue.ts';
import { addFollow, getHealth } from '../../../src/store/queries/live.ts';
import { type CaptureSite, captureSite } from '../../helpers/capture-site.ts';
import { FakeMastodon } from '../../helpers/fake-mastodon.ts';
import { createTestDatabase, PG_URL, type TestStore } from '../../helpers/stores.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { bearer, harness } from '../../server/harness.ts';

const VIGIL = join(import.meta.dirname, '..', '..', '..', 'bin', 'vigil');
const FETCH_ENV = {
  VIGIL_FETCH_ALLOW: '127.0.0.0/8',
  VIGIL_FETCH_INTERVAL_MS: '0',
  VIGIL_CAPTURE_HOST_INTERVAL_MS: '0',
};

function vigil(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
    p.stdin.end();
  });
}

/** A PostgreSQL test store and its database's URL, which pg-boss and the CLI connect to. */
async function pgStore(): Promise<TestStore & { url: string }> {
  const db = await createTestDatabase();
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path, databaseUrl: db.url });
  return {
    store,
    dir: dir.path,
    url: db.url,
    async dispose() {
      await store.close();
      await db.drop();
      dir.remove();
    },
  };
}

async function pgbossJobs(url: string, name: string) {
  const r = await sqlOn<{ id: string; state: string; singleton_key: string | null; later: boolean }>(
    url,
    `select id, state::text as state, singleton_key, start_after > now() as later
       from ${PGBOSS_SCHEMA}.job where name = $1 order by created_on`,
    [name],
  );
  return r;
}

async function sqlOn<T = unknown>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('job functions on pg-boss workers', { skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set' }, () => {
  it('a failed import is listed with its error, retried by vigil jobs retry and POST /api/jobs/:id/retry, and completes', async () => {
    const t = await pgStore();
    const url = t.url;
    const blobs = new BlobStore(join(t.dir, 'blobs'));
    const queue = await PgBossQueue.open(url, { store: t.store, blobs, env: {} });
    const h = await harness({ factory: async () => t, server: { jobs: queue } });
    try {
      const files = [1, 2].map((k) => {
        const file = join(t.dir, `upload-${k}.jsonl`);
        const lines = Array.from({ length: 5 }, (_, i) =>
          JSON.stringify({
            platform: 'twitter',
            author: `author_${k}`,
            id: `${k}-${i}`,
            postedAt: new Date(Date.UTC(2016, 11, 12, 8, k, i)).toISOString(),
            text: `shelling near the hospital, message ${k}-${i}`,
          }),
        );
        writeFileSync(file, `${lines.join('\n')}\n`);
        return { file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
      });
      // the uploads are not in the blob store: each import fails for real; no retries, to fail at once
      const ids: string[] = [];
      for (const [k, f] of files.entries()) {
        const id = await queue.send('import', { blob: f.sha256, name: `upload-${k + 1}.jsonl`, format: 'jsonl' });
        assert.ok(id);
        ids.push(id);
        await sqlOn(url, `update ${PGBOSS_SCHEMA}.job set retry_limit = 0 where id = $1`, [id]);
      }
      const failed = await queue.work({ queues: ['import'], concurrency: 1, untilIdle: true });
      assert.deepEqual([failed.completed, failed.failed], [0, 2]);

      const cliEnv = { VIGIL_DATABASE_URL: url, VIGIL_DATA: join(t.dir, 'cli'), VIGIL_BLOBS: join(t.dir, 'blobs') };
      const listed = await vigil(['jobs', '--json'], cliEnv);
      assert.equal(listed.code, 0, listed.err);
      const report = JSON.parse(listed.out);
      assert.equal(report.runner, 'pg-boss');
      assert.equal(report.depths.find((d: { queue: string }) => d.queue === 'import').failed, 2);
      for (const id of ids) {
        const p = report.problems.find((x: { id: string }) => x.id === id);
        assert.equal(p?.state, 'failed');
        assert.match(p.error, /blob|not found|no such|missing/i);
      }
      const text = await vigil(['jobs'], cliEnv);
      assert.equal(text.code, 0, text.err);
      assert.match(text.out, /^import +0 +0 +0 +0 +2$/m);
      for (const id of ids)
        assert.match(text.out, new RegExp(`^FAILED import ${id} \\(tries 1\\): blob [0-9a-f]{64} is missing$`, 'm'));
      const api = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
      assert.equal(api.statusCode, 200, api.body);
      const listedByApi = api
        .json()
        .problems.map((p: { id: string; state: string; error?: string }) => [p.id, p.state]);
      assert.deepEqual(listedByApi.sort(), ids.map((id) => [id, 'failed']).sort());
      assert.ok(api.json().problems.every((p: { error?: string }) => (p.error ?? '').length > 0));

      // no such job: the CLI says so and fails
      const nope = await vigil(['jobs', 'retry', '00000000-0000-4000-8000-000000000000'], cliEnv);
      assert.equal(nope.code, 4, nope.err);
      assert.match(nope.err, /no job/);

      // fix the cause: the uploads are now in the blob store
      for (const f of files) assert.equal((await blobs.putFile(f.file)).sha256, f.sha256);
      const byCli = await vigil(['jobs', 'retry', ids[0]], cliEnv);
      assert.equal(byCli.code, 0, byCli.err);
      assert.match(byCli.out, new RegExp(`retrying ${ids[0]}`));
      const byApi = await h.app.inject({
        method: 'POST',
        url: `/api/jobs/${ids[1]}/retry`,
        headers: bearer(h.tokens.admin),
      });
      assert.equal(byApi.statusCode, 200, byApi.body);
      assert.match(byApi.json().state, /^(retry|created)$/);
      const analyst = await h.app.inject({
        method: 'POST',
        url: `/api/jobs/${ids[1]}/retry`,
        headers: bearer(h.tokens.analyst),
      });
      assert.equal(analyst.statusCode, 403);
      const twice = await h.app.inject({
        method: 'POST',
        url: `/api/jobs/${ids[1]}/retry`,
        headers: bearer(h.tokens.admin),
      });
      assert.equal(twice.statusCode, 409, 'a job already queued again is not retried twice');
      assert.match(twice.json().message, /is waiting for a retry; it cannot be retried/);

      const done = await queue.work({ queues: ['import', 'analysis'], concurrency: 1, untilIdle: true });
      assert.equal(done.failed, 0);
      for (const id of ids) assert.equal((await queue.getJob(id))?.state, 'completed');
      assert.equal((await t.store.db.selectFrom('messages').select('id').execute()).length, 10);
      assert.deepEqual(await queue.problems(), []);
      const after = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
      assert.deepEqual(after.json().problems, []);
    } finally {
      await h.app.close();
      await queue.close();
      await t.dispose();
    }
  });

  it('a cancelled job is listed as cancelled by vigil jobs and GET /api/jobs until it is retried', async () => {
    const t = await pgStore();
    const blobs = new BlobStore(join(t.dir, 'blobs'));
    const queue = await PgBossQueue.open(t.url, { store: t.store, blobs, env: {} });
    const h = await harness({ factory: async () => t, server: { jobs: queue } });
    try {
      const id = await queue.send('import', { blob: 'e'.repeat(64), name: 'upload.jsonl', format: 'jsonl' });
      assert.ok(id);
      // it failed once and waits two hours for its retry when an admin cancels it
      await sqlOn(
        t.url,
        `update ${PGBOSS_SCHEMA}.job set state = 'retry', retry_count = 1, output = '{"message": "blob missing"}',
                start_after = now() + interval '2 hours' where id = $1`,
        [id],
      );
      const cliEnv = { VIGIL_DATABASE_URL: t.url, VIGIL_DATA: join(t.dir, 'cli'), VIGIL_BLOBS: join(t.dir, 'blobs') };
      const cancelled = await vigil(['jobs', 'cancel', id], cliEnv);
      assert.equal(cancelled.code, 0, cancelled.err);
      assert.equal(cancelled.out.trim(), `cancelled ${id}`);

      const text = await vigil(['jobs'], cliEnv);
      assert.equal(text.code, 0, text.err);
      assert.match(text.out, new RegExp(`^cancelled import ${id} \\(tries 2\\): blob missing$`, 'm'));
      assert.match(text.out, /^A cancelled job runs again with: vigil jobs retry <id>$/m);
      const json = JSON.parse((await vigil(['jobs', '--json'], cliEnv)).out);
      assert.deepEqual(
        json.problems.map((p: { id: string; state: string }) => [p.id, p.state]),
        [[id, 'cancelled']],
      );
      const api = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
      assert.equal(api.statusCode, 200, api.body);
      assert.deepEqual(
        api.json().problems.map((p: { id: string; state: string; data?: unknown }) => [p.id, p.state, p.data]),
        [[id, 'cancelled', undefined]],
      );

      // retried: no longer listed as cancelled, and due now rather than in two hours
      const retried = await vigil(['jobs', 'retry', id], cliEnv);
      assert.equal(retried.code, 0, retried.err);
      const [due] = await sqlOn<{ now: boolean }>(
        t.url,
        `select start_after <= now() as now from ${PGBOSS_SCHEMA}.job where id = $1`,
        [id],
      );
      assert.equal(due.now, true, "an admin's retry runs the job now");
      const after = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
      assert.ok(
        after.json().problems.every((p: { state: string }) => p.state !== 'cancelled'),
        after.body,
      );
      assert.doesNotMatch((await vigil(['jobs'], cliEnv)).out, /^cancelled /m);
    } finally {
      await h.app.close();
      await queue.close();
      await t.dispose();
    }
  });

  it('vigil worker --until-idle waits for a retry due within a minute, not for one due in two hours, and says so', async () => {
    const t = await pgStore();
    const blobs = new BlobStore(join(t.dir, 'blobs'));
    const queue = await PgBossQueue.open(t.url, { store: t.store, blobs, env: {} });
    try {
      // an evaluation of the (empty) watchlist whose retry is due in 3 s, and an analysis job whose retry is
      // due in two hours (a back-off after several failures)
      const soon = await queue.send('alerts', {}, { singletonKey: 'tick' });
      const later = await queue.send('analysis', { messageIds: ['a'.repeat(64)] });
      assert.ok(soon && later);
      await sqlOn(
        t.url,
        `update ${PGBOSS_SCHEMA}.job set state = 'retry', retry_count = 1, output = '{"message": "earlier failure"}',
                start_after = now() + (case when id = $1 then interval '3 seconds' else interval '2 hours' end)
          where id in ($1, $2)`,
        [soon, later],
      );
      const cliEnv = { VIGIL_DATABASE_URL: t.url, VIGIL_DATA: join(t.dir, 'cli'), VIGIL_BLOBS: join(t.dir, 'blobs') };
      const t0 = Date.now();
      const r = await vigil(['worker', '--until-idle', '--queues', 'alerts,analysis'], cliEnv);
      const took = Date.now() - t0;
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, new RegExp(`^alerts ${soon.slice(0, 8)} done`, 'm'), 'the retry due in 3 s was waited for');
      assert.ok(took < 60_000, `it did not wait two hours, nor a minute (${took} ms)`);
      const next =
        /1 job waiting for a retry, not waited for; the next is due at (\S+) \(in (\d+) min\): a running worker, or the next `vigil worker --until-idle` after then, takes them/.exec(
          r.err,
        );
      assert.ok(next, r.err);
      assert.ok(Math.abs(Date.parse(next[1]) - (t0 + 2 * 3_600_000)) < 60_000, next[1]);
      assert.ok(Number(next[2]) >= 119 && Number(next[2]) <= 120, next[2]);
      assert.equal((await queue.getJob(soon))?.state, 'completed');
      assert.equal((await queue.getJob(later))?.state, 'retry', 'left for later, untouched');
      // vigil jobs says when it is due
      const listed = await vigil(['jobs'], cliEnv);
      assert.match(
        listed.out,
        new RegExp(
          `^retry analysis ${later} \\(tries 2, next at ${next[1].replace(/\./g, '\\.')}\\): earlier failure$`,
          'm',
        ),
      );
      const json = await vigil(['worker', '--until-idle', '--json', '--queues', 'analysis'], cliEnv);
      assert.equal(json.code, 0, json.err);
      const summary = JSON.parse(json.out.trim().split('\n').at(-1) ?? '').summary;
      assert.equal(summary.waitingForRetry.jobs, 1);
      assert.equal(summary.waitingForRetry.nextAt, next[1]);
    } finally {
      await queue.close();
      await t.dispose();
    }
  });

  it('poll: a followed Mastodon account is polled by a worker, its posts stored once, health ok, its next poll queued', async () => {
    const t = await pgStore();
    const url = t.url;
    const blobs = new BlobStore(join(t.dir, 'blobs'));
    const fake = await new FakeMastodon().start();
    const queue = await PgBossQueue.open(url, { store: t.store, blobs, env: FETCH_ENV });
    const key = 'mastodon:amal@social.example';
    try {
      fake.post('the bakery on the corner is open again');
      fake.post('no water since the morning');
      await addFollow(t.store.db, {
        key,
        platform: 'mastodon',
        target: 'amal@social.example',
        baseUrl: fake.server.url,
        auto: false,
        addedAt: new Date().toISOString(),
        addedBy: 'test',
      });
      assert.ok(await enqueuePoll(queue, key));
      const first = await queue.work({ queues: ['poll'], concurrency: 1, untilIdle: true });
      assert.deepEqual([first.completed, first.failed], [1, 0]);
      const texts = async () =>
        (await t.store.db.selectFrom('messages').select('text').execute()).map((r) => r.text).sort();
      assert.deepEqual(await texts(), ['no water since the morning', 'the bakery on the corner is open again']);
      const health = await getHealth(t.store.db, key);
      assert.equal(health?.state, 'ok');
      assert.equal(health?.failures, 0);
      let jobs = await pgbossJobs(url, 'poll');
      assert.deepEqual(
        jobs.map((j) => [j.state, j.singleton_key, j.later]),
        [
          ['completed', key, false],
          ['created', key, true],
        ],
        'the next poll is queued for later, keyed by the follow',
      );

      // its turn comes: one new post, the two already stored are not stored again
      fake.post('the shelling stopped at dawn');
      await sqlOn(url, `update ${PGBOSS_SCHEMA}.job set start_after = now() where id = $1`, [jobs[1].id]);
      const second = await queue.work({ queues: ['poll'], concurrency: 1, untilIdle: true });
      assert.deepEqual([second.completed, second.failed], [1, 0]);
      assert.deepEqual(await texts(), [
        'no water since the morning',
        'the bakery on the corner is open again',
        'the shelling stopped at dawn',
      ]);
      jobs = await pgbossJobs(url, 'poll');
      assert.deepEqual(
        jobs.map((j) => j.state),
        ['completed', 'completed', 'created'],
      );
      assert.equal((await getHealth(t.store.db, key))?.state, 'ok');
    } finally {
      await queue.close();
      await fake.close();
      await t.dispose();
    }
  });

  it('capture: a message’s media on a local site is captured by a worker, capture.completed exactly once', async () => {
    const t = await pgStore();
    const url = t.url;
    const blobs = new BlobStore(join(t.dir, 'blobs'));
    const site: CaptureSite = await captureSite();
    const queue = await PgBossQueue.open(url, { store: t.store, blobs, env: FETCH_ENV });
    const media = `${site.url}/img.png`;
    try {
      await captureBatch(
        t.store,
        [
          {
            raw: {
              platform: 'telegram',
              nativeId: '7',
              author: { id: 'aleppo_news' },
              postedAt: '2016-12-13T12:00:00.000Z',
              text: 'shelter list attached',
              media: [{ url: media, mime: 'image/png' }],
            },
            provenance: {
              source: 'test',
              blob: 'a'.repeat(64),
              locator: 'test',
              importer: { name: 'test', version: '1.0.0' },
            },
            file: 'test',
            place: 'index=0',
          },
        ],
        { actor: 'test', capturedAt: new Date().toISOString(), stages: [captureStage] },
      );
      const [message] = await t.store.db.selectFrom('messages').select('id').execute();
      const rows = await captureJobsOf(t.store.db, message.id);
      assert.deepEqual(
        rows.map((r) => [r.url, r.state]),
        [[media, 'pending']],
      );
      assert.ok(await enqueueCapture(queue));
      const summary = await queue.work({ queues: ['capture'], concurrency: 1, untilIdle: true });
      assert.deepEqual([summary.completed, summary.failed], [1, 0]);
      const completed = async () => {
        const out: unknown[] = [];
        for await (const e of t.store.readLedger())
          if (e.kind === CAPTURE_COMPLETED && (e.payload as { url: string }).url === media) out.push(e.payload);
        return out;
      };
      assert.equal((await completed()).length, 1);
      const [row] = await captureJobsOf(t.store.db, message.id);
      assert.equal(row.state, 'done');
      assert.ok(row.resultSeq, 'the row points at its capture.completed event');
      assert.ok(
        site.requests.some((r) => r.path.startsWith('/img.png')),
        'the media was fetched from the site',
      );
      // a second capture job finds nothing due and adds nothing
      assert.ok(await enqueueCapture(queue));
      await queue.work({ queues: ['capture'], concurrency: 1, untilIdle: true });
      assert.equal((await completed()).length, 1);
      assert.deepEqual(
        (await pgbossJobs(url, 'capture')).map((j) => j.state),
        ['completed', 'completed'],
      );
    } finally {
      await queue.close();
      await site.close();
      await t.dispose();
    }
  });
});
