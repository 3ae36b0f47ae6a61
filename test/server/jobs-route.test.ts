import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { InProcessQueue } from '../../src/pipeline/jobs/in-process-queue.ts';
import { sqliteFactory } from '../helpers/stores.ts';
import { bearer, type Harness, harness } from './harness.ts';

let h: Harness;
let queue: InProcessQueue;
let jobId: string;
before(async () => {
  const t = await sqliteFactory();
  queue = new InProcessQueue({ store: t.store, blobs: new BlobStore(`${t.dir}/blobs`), env: {} });
  h = await harness({ factory: async () => t, server: { jobs: queue } });
  jobId = String(await queue.send('import', { blob: 'f'.repeat(64), name: 'secret-export.zip' }));
});
after(() => h.close());

it('GET /api/jobs: depth per queue for viewers, without job data; never unauthenticated', async () => {
  assert.equal((await h.app.inject({ url: '/api/jobs' })).statusCode, 401);
  const r = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.runner, 'in-process');
  assert.equal(body.depths.find((d: { queue: string }) => d.queue === 'import').ready, 1);
  assert.doesNotMatch(r.body, /secret-export/);
});

it('POST /api/jobs/:id/cancel and /retry: admins only; 404 for no such job, 409 when the state does not allow it', async () => {
  const cancel = `/api/jobs/${jobId}/cancel`;
  assert.equal(
    (await h.app.inject({ method: 'POST', url: cancel, headers: bearer(h.tokens.analyst) })).statusCode,
    403,
  );
  const c = await h.app.inject({ method: 'POST', url: cancel, headers: bearer(h.tokens.admin) });
  assert.equal(c.statusCode, 200, c.body);
  assert.equal(c.json().state, 'cancelled');
  assert.equal((await h.app.inject({ method: 'POST', url: cancel, headers: bearer(h.tokens.admin) })).statusCode, 409);
  // the cancelled job is listed, in its state, until it is retried
  const listed = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
  assert.deepEqual(
    listed.json().problems.map((p: { id: string; state: string }) => [p.id, p.state]),
    [[jobId, 'cancelled']],
  );
  assert.doesNotMatch(listed.body, /secret-export/);
  const retry = await h.app.inject({
    method: 'POST',
    url: `/api/jobs/${jobId}/retry`,
    headers: bearer(h.tokens.admin),
  });
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal(retry.json().state, 'retry');
  const relisted = await h.app.inject({ url: '/api/jobs', headers: bearer(h.tokens.viewer) });
  assert.deepEqual(
    relisted.json().problems.map((p: { id: string; state: string }) => [p.id, p.state]),
    [[jobId, 'retry']],
  );
  const missing = await h.app.inject({ method: 'POST', url: '/api/jobs/nope/retry', headers: bearer(h.tokens.admin) });
  assert.equal(missing.statusCode, 404);
});
