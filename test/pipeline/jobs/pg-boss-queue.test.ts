import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlobStore } from '../../../src/evidence/blob-store.ts';
import { enqueueAlertsTick } from '../../../src/pipeline/jobs/alerts-job.ts';
import { jobIdFor } from '../../../src/pipeline/jobs/job-id.ts';
import { PgBossQueue } from '../../../src/pipeline/jobs/pg-boss-queue.ts';
import { openVigilStore } from '../../../src/pipeline/open-vigil-store.ts';
import { createTestDatabase, PG_URL } from '../../helpers/stores.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('pg-boss queue on the team store', { skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set' }, () => {
  it('dedupes by id and singleton key; depth, cancel and retry; the same analysis job runs once across two workers', async () => {
    const db = await createTestDatabase();
    const dir = tempDir();
    const store = await openVigilStore({ dataDir: dir.path, databaseUrl: db.url });
    const blobs = new BlobStore(join(dir.path, 'blobs'));
    const queue = await PgBossQueue.open(db.url, { store, blobs, env: {} });
    const second = await PgBossQueue.open(db.url, { store, blobs, env: {} });
    try {
      assert.ok(await enqueueAlertsTick(queue));
      assert.equal(await enqueueAlertsTick(second), null, 'one evaluation waits at most');
      const id = jobIdFor('test', 'x');
      const data = { blob: 'f'.repeat(64), name: 'x.jsonl' };
      assert.equal(await queue.send('import', data, { id }), id);
      assert.equal(await second.send('import', data, { id }), null, 'the same id is one job');
      const depth = (await queue.depths()).find((d) => d.queue === 'import');
      assert.equal(depth?.ready, 1);
      assert.equal(await queue.cancel(id), true);
      assert.equal((await queue.getJob(id))?.state, 'cancelled');
      assert.equal(await queue.cancel(id), false);
      assert.equal(await queue.retry(id), true);
      assert.equal(await queue.retry(id), false, 'only failed or cancelled jobs are retried');
      assert.equal(await queue.getJob('00000000-0000-4000-8000-000000000000'), undefined);
      assert.equal(await queue.getJob('not-a-uuid'), undefined);
      // an analysis batch of no stored message: both workers poll, one runs it, both then see idle
      await queue.send('analysis', { messageIds: ['a'.repeat(64)] });
      const [a, b] = await Promise.all([
        queue.work({ queues: ['analysis'], concurrency: 1, untilIdle: true }),
        second.work({ queues: ['analysis'], concurrency: 1, untilIdle: true }),
      ]);
      assert.equal(a.completed + b.completed, 1);
      assert.equal((await queue.depths()).find((d) => d.queue === 'analysis')?.completed, 1);
    } finally {
      await queue.close();
      await second.close();
      await store.close();
      await db.drop();
      dir.remove();
    }
  });
});
