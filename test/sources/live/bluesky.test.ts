import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectRound } from '../../../src/pipeline/collect/collector.ts';
import { JETSTREAM_KEY, runJetstream } from '../../../src/pipeline/collect/jetstream-runner.ts';
import { addFollow, getCursor, getHealth } from '../../../src/store/queries/live.ts';
import { FakeBluesky } from '../../helpers/fake-bluesky.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';

const DID = 'did:plc:amal0000000000000000000';

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never happened: ${what}`);
}

describe('live source: Bluesky AppView', () => {
  let fake: FakeBluesky;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const round = () => collectRound(p, { fetcher: testFetcher(), backfillPages: 5, stages: [] });
  const rows = () => p.store.db.selectFrom('messages').selectAll().where('platform', '=', 'bluesky').execute();

  before(async () => {
    fake = await new FakeBluesky().start();
    p = await livePipeline();
    await addFollow(p.store.db, {
      key: 'bluesky:amal.bsky.social',
      platform: 'bluesky',
      target: 'amal.bsky.social',
      baseUrl: fake.server.url,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
  });
  after(async () => {
    await p.dispose();
    await fake.close();
  });

  it('resolves the handle once, backfills pages, then walks back over new posts', async () => {
    for (let i = 0; i < 250; i++) fake.post(`post ${i}`);
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    assert.equal((await rows()).length, 250);
    assert.equal(((await getCursor(p.store.db, 'bluesky:amal.bsky.social')) as { did: string }).did, DID);
    for (let i = 0; i < 130; i++) fake.post(`later ${i}`);
    const [r2] = await round();
    assert.equal(r2.result?.captured, 130);
    assert.equal(fake.server.requests.filter((q) => q.path.includes('resolveHandle')).length, 1);
  });

  it('a post gone from the feed and from getPosts becomes a deletion; a renamed handle keeps the DID', async () => {
    const gone = fake.posts.splice(fake.posts.length - 2, 1)[0];
    fake.handles.delete('amal.bsky.social');
    fake.handles.set('amal.example.org', DID);
    const fresh = fake.post('after the rename');
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    const all = await rows();
    const del = all.find((m) => m.native_id === gone.rkey);
    assert.equal(Number(del?.deleted), 1);
    const now = all.find((m) => m.native_id === fresh.rkey);
    assert.equal(now?.author_handle, 'amal.example.org');
    assert.equal(now?.author_id, DID);
  });
});

describe('live source: Bluesky Jetstream', () => {
  let fake: FakeBluesky;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const controller = new AbortController();
  let running: Promise<void>;
  const count = async () =>
    (await p.store.db.selectFrom('messages').select('id').where('platform', '=', 'bluesky').execute()).length;

  before(async () => {
    fake = await new FakeBluesky().start();
    p = await livePipeline();
    await addFollow(p.store.db, {
      key: `bluesky:${DID}`,
      platform: 'bluesky',
      target: DID,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
    running = runJetstream(p, {
      env: { VIGIL_JETSTREAM_URL: fake.server.url.replace('http:', 'ws:'), VIGIL_FETCH_ALLOW: '127.0.0.0/8' },
      signal: controller.signal,
      stages: [],
      flushMs: 20,
    });
  });
  after(async () => {
    controller.abort();
    await running;
    await p.dispose();
    await fake.close();
  });

  it('subscribes to the followed DIDs and captures posts, deletions and bad frames', async () => {
    await until('connected', () => fake.sockets.size === 1);
    assert.deepEqual(fake.subscriptions[0].getAll('wantedDids'), [DID]);
    assert.equal(fake.subscriptions[0].get('wantedCollections'), 'app.bsky.feed.post');
    const a = fake.post('first live post');
    const b = fake.post('second live post');
    fake.send(fake.frame(a, 'create', 1_000_001));
    fake.send(fake.frame(b, 'create', 1_000_002));
    fake.send('{"did": "did:plc:x", "time_us": 1000003, "kind": "commit", broken');
    await until('two posts', async () => (await count()) === 2);
    fake.send(fake.frame(b, 'delete', 1_000_004));
    await until('deleted', async () => {
      const m = await p.store.db.selectFrom('messages').selectAll().where('native_id', '=', b.rkey).executeTakeFirst();
      return Number(m?.deleted) === 1;
    });
    const m = await p.store.db
      .selectFrom('messages')
      .selectAll()
      .where('native_id', '=', a.rkey)
      .executeTakeFirstOrThrow();
    const full = await p.store.getMessage(m.id);
    assert.equal(full?.provenance.source, 'live-bluesky-jetstream');
    const record = (await p.blobs.get(full?.provenance.blob ?? '')).toString('utf8');
    assert.match(record, /^WARC\/1\.1\r\nWARC-Type: resource\r\n/);
    assert.match(record, /first live post/);
    assert.deepEqual(await getCursor(p.store.db, JETSTREAM_KEY), { timeUs: 1_000_004 });
  });

  it('reconnects after the connection drops, resuming from the saved cursor', async () => {
    for (const ws of fake.sockets) ws.terminate();
    await until('reconnected', () => fake.subscriptions.length === 2 && fake.sockets.size === 1);
    assert.equal(fake.subscriptions[1].get('cursor'), '1000004');
    const h = await getHealth(p.store.db, JETSTREAM_KEY);
    assert.ok(h);
    const c = fake.post('after the drop');
    fake.send(fake.frame(c, 'create', 1_000_005));
    await until('post after reconnect', async () => (await count()) === 3);
  });
});
