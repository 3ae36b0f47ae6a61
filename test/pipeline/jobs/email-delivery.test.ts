/**
 * Alert email on the job queue, against a local SMTP server, on both queues: the in-process runner
 * (SQLite) and pg-boss (PostgreSQL). An alert raised by a queued alerts tick is emailed once to the
 * recipient set; a delivery job run again after a success sends nothing; a relay that refuses the first
 * message gets one failed delivery in the log, the job is retried by the queue, and then one success.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { ALERT_RAISED } from '../../../src/core/alert.ts';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { importPath } from '../../../src/pipeline/import.ts';
import { enqueueAlertsTick, runDeliveryJob } from '../../../src/pipeline/jobs/alerts-job.ts';
import { InProcessQueue } from '../../../src/pipeline/jobs/in-process-queue.ts';
import { jobIdFor } from '../../../src/pipeline/jobs/job-id.ts';
import { PGBOSS_SCHEMA, PgBossQueue } from '../../../src/pipeline/jobs/pg-boss-queue.ts';
import type { JobQueue } from '../../../src/pipeline/jobs/queue.ts';
import type { JobEnvironment } from '../../../src/pipeline/jobs/run-job.ts';
import { openVigilStore } from '../../../src/pipeline/open-vigil-store.ts';
import { listDeliveries } from '../../../src/store/queries/alerts.ts';
import { smtpSink } from '../../helpers/smtp-sink.ts';
import { createTestDatabase, PG_URL, type TestStore } from '../../helpers/stores.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { SAMPLE_ALERT } from '../../watch/notifiers/sample-alert.ts';
import { WATCH_NOW, watchDemoPeople, writeWorkersExport } from './workers-fixture.ts';

const RECIPIENTS = 'desk@example.org, family@example.org';
const never = new AbortController().signal;

interface Setup extends TestStore {
  blobs: BlobStore;
  /** The queue of this store kind, its job functions run with `env`. */
  queue(env: NodeJS.ProcessEnv): Promise<JobQueue>;
  /** pg-boss only: bring every job waiting for a retry forward to now, as if its back-off were over. */
  retryNow?: () => Promise<void>;
}

async function sqliteSetup(): Promise<Setup> {
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path });
  const blobs = new BlobStore(join(dir.path, 'blobs'));
  return {
    store,
    dir: dir.path,
    blobs,
    queue: async (env) => new InProcessQueue({ store, blobs, env }),
    async dispose() {
      await store.close();
      dir.remove();
    },
  };
}

async function pgSetup(): Promise<Setup> {
  const db = await createTestDatabase();
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path, databaseUrl: db.url });
  const blobs = new BlobStore(join(dir.path, 'blobs'));
  const open: JobQueue[] = [];
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  return {
    store,
    dir: dir.path,
    blobs,
    queue: async (env) => {
      const q = await PgBossQueue.open(db.url, { store, blobs, env } satisfies JobEnvironment);
      open.push(q);
      return q;
    },
    retryNow: () => sql(`update ${PGBOSS_SCHEMA}.job set start_after = now() where state = 'retry'`),
    async dispose() {
      for (const q of open) await q.close();
      await store.close();
      await db.drop();
      dir.remove();
    },
  };
}

const kinds: [string, () => Promise<Setup>, boolean][] = [
  ['in-process queue (SQLite)', sqliteSetup, false],
  ['pg-boss (PostgreSQL)', pgSetup, !PG_URL],
];

for (const [name, setup, skip] of kinds) {
  describe(`alert email on the ${name}`, { skip: skip ? 'VIGIL_TEST_PG_URL is not set' : false }, () => {
    it('an alert raised by a queued alerts tick is emailed once to the recipients; a job run again sends nothing', async () => {
      const t = await setup();
      const sink = await smtpSink();
      try {
        const demo = await writeWorkersExport(t.dir, 0);
        await watchDemoPeople(t.store, demo.people);
        await importPath({ store: t.store, blobs: t.blobs }, demo.path, { format: 'jsonl' });
        const env = {
          VIGIL_WATCH_NOW: WATCH_NOW,
          VIGIL_SMTP: sink.address,
          VIGIL_MAIL_TO: RECIPIENTS,
          VIGIL_MAIL_FROM: 'vigil@example.org',
        };
        const queue = await t.queue(env);
        assert.ok(await enqueueAlertsTick(queue));
        const first = await queue.work({ queues: ['alerts', 'delivery'], concurrency: 2, untilIdle: true });
        assert.equal(first.failed, 0);
        const alerts = (await t.store.db.selectFrom('alerts').select(['id', 'alert']).execute()).map((a) => ({
          id: a.id,
          title: (JSON.parse(a.alert) as { title: string }).title,
        }));
        assert.ok(alerts.length > 0, 'the demo raises alerts at WATCH_NOW');
        assert.equal(first.completed, 1 + alerts.length, 'one tick and one delivery job per alert');
        assert.equal(sink.mails.length, alerts.length, 'one message per alert');
        assert.deepEqual(
          [...sink.countsByAlert().keys()].sort(),
          alerts.map((a) => a.id).sort(),
          'each alert once, by its X-Vigil-Alert-Id',
        );
        for (const m of sink.mails) {
          assert.deepEqual(m.to, ['desk@example.org', 'family@example.org']);
          assert.equal(m.from, 'vigil@example.org');
          assert.match(m.data, /Acknowledge with: vigil watch ack a-/);
        }
        const log = await listDeliveries(t.store.db);
        assert.equal(log.length, alerts.length);
        assert.ok(log.every((d) => d.ok && d.channel === 'email' && d.target === RECIPIENTS));

        // a delivery job of an alert already delivered (a retry after the send and the log row) sends nothing
        const again = await queue.send(
          'delivery',
          { alertId: alerts[0].id, channel: 'email', target: RECIPIENTS },
          { id: jobIdFor('test', 'again') },
        );
        assert.ok(again);
        const second = await queue.work({ queues: ['delivery'], concurrency: 1, untilIdle: true });
        assert.deepEqual([second.completed, second.failed], [1, 0]);
        const direct = await runDeliveryJob(
          { store: t.store, env, signal: never },
          { alertId: alerts[0].id, channel: 'email', target: RECIPIENTS },
        );
        assert.equal(direct.already, true);
        // and a later evaluation queues no delivery for them
        assert.ok(await enqueueAlertsTick(queue));
        const third = await queue.work({ queues: ['alerts', 'delivery'], concurrency: 1, untilIdle: true });
        assert.deepEqual([third.completed, third.failed], [1, 0], 'the tick alone');
        assert.equal(sink.mails.length, alerts.length, 'nothing sent twice');
        assert.equal((await listDeliveries(t.store.db)).length, alerts.length);
      } finally {
        await sink.close();
        await t.dispose();
      }
    });

    it('a relay that refuses first, then accepts: one failed delivery logged, the job retried, then one success', async () => {
      const t = await setup();
      const sink = await smtpSink();
      try {
        await t.store.append([
          { kind: ALERT_RAISED, at: SAMPLE_ALERT.at, actor: 'system', payload: { alert: SAMPLE_ALERT } },
        ]);
        const env = {
          VIGIL_WATCH_NOW: new Date(Date.parse(SAMPLE_ALERT.at) + 60_000).toISOString(),
          VIGIL_SMTP: sink.address,
          VIGIL_MAIL_TO: 'desk@example.org',
        };
        const queue = await t.queue(env);
        sink.refuseNext(1);
        assert.ok(await enqueueAlertsTick(queue));
        // pg-boss backs a delivery off by 30 s or more: a horizon of 0 leaves that retry for later, and the
        // summary says so; the in-process runner's first retry is 2 s away and is waited for
        const first = await queue.work({
          queues: ['alerts', 'delivery'],
          concurrency: 1,
          untilIdle: true,
          retryHorizonMs: t.retryNow ? 0 : undefined,
        });
        assert.equal(sink.refused, 1);
        const failures = (await listDeliveries(t.store.db)).filter((d) => !d.ok);
        assert.equal(failures.length, 1, 'the refusal is in the delivery log');
        assert.equal(failures[0].target, 'desk@example.org');
        assert.match(failures[0].attempts[0].error ?? '', /451/);
        if (t.retryNow) {
          assert.equal(sink.mails.length, 0);
          assert.equal(first.waitingForRetry?.jobs, 1, JSON.stringify(first));
          const wait = Date.parse(first.waitingForRetry?.nextAt ?? '') - Date.now();
          assert.ok(wait > 20_000 && wait <= 60_000, `pg-boss backs off 30-60 s, not ${wait} ms`);
          const [problem] = await queue.problems();
          assert.equal(problem.queue, 'delivery');
          assert.equal(problem.state, 'retry');
          assert.match(problem.error ?? '', /delivery to desk@example\.org failed: .*451/);
          await t.retryNow();
          const second = await queue.work({ queues: ['delivery'], concurrency: 1, untilIdle: true });
          assert.deepEqual([second.completed, second.failed], [1, 0]);
          assert.equal(second.waitingForRetry, undefined);
        } else {
          assert.deepEqual([first.completed, first.failed], [2, 0], 'the tick, and the delivery on its retry');
          assert.equal(first.waitingForRetry, undefined);
        }
        assert.equal(sink.mails.length, 1);
        assert.equal(sink.mails[0].alertId, SAMPLE_ALERT.id);
        const log = await listDeliveries(t.store.db);
        assert.deepEqual(
          log.map((d) => d.ok).sort(),
          [false, true],
          'one failed delivery, then one success, both logged',
        );
      } finally {
        await sink.close();
        await t.dispose();
      }
    });
  });
}
