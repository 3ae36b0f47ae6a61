import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { importPath } from '../../../src/pipeline/import.ts';
import { MAX_WAIT_MS } from '../../../src/pipeline/jobs/alerts-gate.ts';
import { runAlertsTick, runDeliveryJob } from '../../../src/pipeline/jobs/alerts-job.ts';
import { enqueueAnalysis, runAnalysisJob } from '../../../src/pipeline/jobs/analysis-job.ts';
import { runImportJob } from '../../../src/pipeline/jobs/import-job.ts';
import { InProcessQueue } from '../../../src/pipeline/jobs/in-process-queue.ts';
import { runPollJob } from '../../../src/pipeline/jobs/poll-job.ts';
import { localServer } from '../../helpers/local-server.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../../helpers/stores.ts';
import { eventCounts, WATCH_NOW, watchDemoPeople, writeWorkersExport } from './workers-fixture.ts';

function jsonl(file: string, n: number): void {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      platform: 'twitter',
      author: 'aleppo_teacher',
      id: String(i),
      postedAt: new Date(Date.parse('2016-12-12T08:00:00Z') + i * 60_000).toISOString(),
      text: i % 2 ? `shelling near the hospital, ${i} killed` : `قصف على حي الشعار، رسالة ${i}`,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const never = new AbortController().signal;

const stores: [string, StoreFactory, boolean][] = [
  ['SQLite', sqliteFactory, false],
  ['PostgreSQL', postgresFactory, !PG_URL],
];

for (const [name, factory, skip] of stores) {
  describe(`job functions on ${name}`, { skip: skip ? 'VIGIL_TEST_PG_URL is not set' : false }, () => {
    it('analysis: one message.analyzed per message, even when two workers run the same batch at once', async () => {
      const t = await factory();
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const file = join(t.dir, 'x.jsonl');
        jsonl(file, 40);
        await importPath({ store: t.store, blobs }, file, { format: 'jsonl', stages: [] });
        const ids = (await t.store.db.selectFrom('messages').select('id').execute()).map((r) => r.id);
        assert.equal((await eventCounts(t.store))['message.analyzed'] ?? 0, 0);
        const [a, b] = await Promise.all([
          runAnalysisJob({ store: t.store }, { messageIds: ids }),
          runAnalysisJob({ store: t.store }, { messageIds: ids }),
        ]);
        assert.equal(a.analyzed + b.analyzed, 40, 'each message analysed by exactly one of the two');
        assert.equal((await eventCounts(t.store))['message.analyzed'], 40);
        const again = await runAnalysisJob({ store: t.store }, { messageIds: ids });
        assert.deepEqual(again, { analyzed: 0, skipped: 40, missing: 0 });
        assert.equal((await eventCounts(t.store))['message.analyzed'], 40);
        await assert.rejects(runAnalysisJob({ store: t.store }, { messageIds: ['nope'] }));
      } finally {
        await t.dispose();
      }
    });

    it('import: messages from the blob store, analysis queued per batch; a retry adds nothing', async () => {
      const t = await factory();
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const file = join(t.dir, 'upload.jsonl');
        jsonl(file, 2500);
        const put = await blobs.putFile(file);
        const queue = new InProcessQueue({ store: t.store, blobs, env: {} });
        const ctx = { store: t.store, blobs, queue, signal: never };
        const data = { blob: put.sha256, name: 'upload.jsonl', format: 'jsonl' };
        const first = await runImportJob(ctx, data);
        assert.equal(first.new, 2500);
        assert.equal(first.input, 'upload.jsonl');
        const analysis = (await queue.depths()).find((d) => d.queue === 'analysis');
        assert.equal(analysis?.ready, 3, 'three batches of at most 1000');
        const afterFirst = await eventCounts(t.store);
        assert.equal(afterFirst['message.analyzed'] ?? 0, 0, 'analysis is left to the analysis jobs');
        // the same job again, as after a kill -9: nothing new, and no analysis job queued twice
        const retry = await runImportJob(ctx, data);
        assert.equal(retry.new, 0);
        assert.equal(retry.unchanged, 2500);
        assert.deepEqual(await eventCounts(t.store), afterFirst);
        assert.equal((await queue.depths()).find((d) => d.queue === 'analysis')?.ready, 3);
        const done = await queue.work({ queues: ['analysis'], concurrency: 2, untilIdle: true });
        assert.equal(done.completed, 3);
        assert.equal((await eventCounts(t.store))['message.analyzed'], 2500);
        const blobRow = await t.store.db.selectFrom('blobs').select('name').where('sha256', '=', put.sha256).execute();
        assert.deepEqual(blobRow, [{ name: 'upload.jsonl' }]);
      } finally {
        await t.dispose();
      }
    });

    it('alerts and delivery: raised once, each delivered once; a repeated delivery job sends nothing', async () => {
      const t = await factory();
      const hooks = await localServer((req, res) => {
        req.resume();
        req.on('end', () => res.end('ok'));
      });
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const demo = await writeWorkersExport(t.dir, 0);
        await watchDemoPeople(t.store, demo.people);
        await importPath({ store: t.store, blobs }, demo.path, { format: 'jsonl' });
        const queue = new InProcessQueue({ store: t.store, blobs, env: {} });
        const env = { VIGIL_WATCH_NOW: WATCH_NOW, VIGIL_WEBHOOK_URLS: hooks.url, VIGIL_WEBHOOK_SECRET: 's' };
        const ctx = { store: t.store, blobs, queue, env, signal: never };
        const tick = await runAlertsTick(ctx);
        assert.ok(tick.raised > 0);
        assert.equal(tick.deliveriesQueued, tick.raised);
        const again = await runAlertsTick(ctx);
        assert.equal(again.raised, 0, 'a retried evaluation raises nothing twice');
        assert.equal(again.deliveriesQueued, 0, 'and queues no delivery twice');
        const q2 = new InProcessQueue({ store: t.store, blobs, env });
        for (const a of await t.store.db.selectFrom('alerts').select('id').execute())
          await q2.send('delivery', { alertId: a.id, channel: 'webhook', target: hooks.url });
        await q2.work({ queues: ['delivery'], concurrency: 2, untilIdle: true });
        const alerts = await t.store.db.selectFrom('alerts').select('id').execute();
        assert.equal(hooks.requests.length, alerts.length);
        const repeat = await runDeliveryJob(ctx, { alertId: alerts[0].id, channel: 'webhook', target: hooks.url });
        assert.equal(repeat.already, true);
        assert.equal(hooks.requests.length, alerts.length, 'nothing sent for a delivered alert');
      } finally {
        await hooks.close();
        await t.dispose();
      }
    });

    it('alerts: the board is not judged while an import or its analysis is pending; until-idle waits for the put-back evaluation', async () => {
      const t = await factory();
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const demo = await writeWorkersExport(t.dir, 0);
        await watchDemoPeople(t.store, demo.people);
        await importPath({ store: t.store, blobs }, demo.path, { format: 'jsonl' });
        const ids = (await t.store.db.selectFrom('messages').select('id').limit(20).execute()).map((m) => m.id);
        const env = { VIGIL_WATCH_NOW: WATCH_NOW };
        const queue = new InProcessQueue({ store: t.store, blobs, env });
        const ctx = { store: t.store, blobs, queue, env, signal: never };
        const job = await enqueueAnalysis(queue, ids);
        assert.ok(job);
        const waiting = await runAlertsTick(ctx);
        assert.equal(waiting.raised, 0);
        assert.equal(waiting.waitingFor, 1, 'one analysis job pending');
        const alertsQueue = (await queue.depths()).find((d) => d.queue === 'alerts');
        assert.equal(alertsQueue?.deferred, 1, 'the evaluation put itself back for later');
        assert.equal((await t.store.db.selectFrom('alerts').select('id').execute()).length, 0);
        // an evaluation that has waited MAX_WAIT_MS judges the board even with work pending
        const late = await runAlertsTick(ctx, { waitingSince: new Date(Date.now() - MAX_WAIT_MS).toISOString() });
        assert.ok(late.raised > 0, 'waited long enough: judged');
        assert.equal(late.waitingFor, undefined);

        // On a fresh store, the worker (until idle) runs the analysis, then the put-back evaluation.
        const t2 = await factory();
        try {
          const blobs2 = new BlobStore(join(t2.dir, 'blobs'));
          await watchDemoPeople(t2.store, demo.people);
          await importPath({ store: t2.store, blobs: blobs2 }, demo.path, { format: 'jsonl' });
          const q2 = new InProcessQueue({ store: t2.store, blobs: blobs2, env });
          const ids2 = (await t2.store.db.selectFrom('messages').select('id').limit(20).execute()).map((m) => m.id);
          await enqueueAnalysis(q2, ids2);
          await q2.send('alerts', {}, { singletonKey: 'tick' });
          const ran: string[] = [];
          const summary = await q2.work({
            queues: ['alerts', 'analysis'],
            concurrency: 1,
            untilIdle: true,
            onJob: (e) => ran.push(e.queue),
          });
          assert.equal(summary.waitingForRetry, undefined);
          // the evaluation ran beside the analysis, put itself back, and ran again once the analysis was done
          assert.deepEqual(ran, ['alerts', 'analysis', 'alerts']);
          assert.ok((await t2.store.db.selectFrom('alerts').select('id').execute()).length > 0, 'alerts raised');
        } finally {
          await t2.dispose();
        }
      } finally {
        await t.dispose();
      }
    });

    it('poll: a follow that is gone is dropped and not rescheduled', async () => {
      const t = await factory();
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const queue = new InProcessQueue({ store: t.store, blobs, env: {} });
        const out = await runPollJob({ store: t.store, blobs, queue, env: {}, signal: never }, { follow: 'rss:gone' });
        assert.deepEqual(out, { follow: 'rss:gone', removed: true });
        assert.equal((await queue.depths()).find((d) => d.queue === 'poll')?.ready, 0);
      } finally {
        await t.dispose();
      }
    });
  });
}

describe('in-process queue', () => {
  it('keeps one job per id and one queued per singleton key; retries, then fails with the error', async () => {
    const t = await sqliteFactory();
    try {
      const blobs = new BlobStore(join(t.dir, 'blobs'));
      const queue = new InProcessQueue({ store: t.store, blobs, env: {} });
      assert.ok(await queue.send('alerts', {}, { singletonKey: 'tick' }));
      assert.equal(await queue.send('alerts', {}, { singletonKey: 'tick' }), null);
      assert.ok(await queue.send('analysis', { messageIds: ['a'.repeat(64)] }, { id: 'x' }));
      assert.equal(await queue.send('analysis', { messageIds: ['a'.repeat(64)] }, { id: 'x' }), null);
      const bad = await queue.send('delivery', { alertId: 'nope' });
      assert.ok(bad);
      assert.equal(await queue.cancel(String(bad)), true);
      assert.equal((await queue.getJob(String(bad)))?.state, 'cancelled');
      assert.equal(await queue.retry(String(bad)), true);
      // bad data: the first try and three retries (2, 4 and 8 s later) fail, then the job is failed
      const summary = await queue.work({ queues: ['delivery'], concurrency: 1, untilIdle: true });
      assert.deepEqual([summary.completed, summary.failed], [0, 1]);
      const [problem] = await queue.problems();
      assert.equal(problem.id, bad);
      assert.equal(problem.state, 'failed');
      assert.equal(problem.retryCount, 3);
      assert.match(problem.error ?? '', /target|Required|invalid/i);
      // --until-idle with a horizon shorter than the back-off leaves the retry queued and says when it is due
      const later = String(await queue.send('delivery', { alertId: 'nope' }));
      const t0 = Date.now();
      const left = await queue.work({ queues: ['delivery'], concurrency: 1, untilIdle: true, retryHorizonMs: 0 });
      assert.deepEqual([left.completed, left.failed], [0, 0]);
      assert.equal(left.waitingForRetry?.jobs, 1);
      const due = Date.parse(left.waitingForRetry?.nextAt ?? '') - t0;
      assert.ok(due >= 1500 && due < 3000, `the first retry is 2 s away, not ${due} ms`);
      assert.equal((await queue.getJob(later))?.state, 'retry');
    } finally {
      await t.dispose();
    }
  });
});
