import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analysisStage } from '../../src/pipeline/analysis-stage.ts';
import { captureStage } from '../../src/pipeline/capture-stage.ts';
import { commitItems } from '../../src/pipeline/collect/collect-follow.ts';
import type { DeferredStages } from '../../src/pipeline/collect/deferred-stages.ts';
import { runJetstream } from '../../src/pipeline/collect/jetstream-runner.ts';
import type { Stage } from '../../src/pipeline/stage.ts';
import { addFollow } from '../../src/store/queries/live.ts';
import { FakeBluesky } from '../helpers/fake-bluesky.ts';
import { livePipeline } from '../helpers/live.ts';

const DID = 'did:plc:amal0000000000000000000';

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never happened: ${what}`);
}

describe('Jetstream: searchable first, analysed after', () => {
  let fake: FakeBluesky;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const analyses = async () => (await p.store.db.selectFrom('analyses').select('message_id').execute()).length;

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
  });
  after(async () => {
    await p.dispose();
    await fake.close();
  });

  it('a post is found by search before its analysis runs; the analysis follows in its own transaction', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    let analysedBatches = 0;
    // The real analysis stage, held back until the test has searched.
    const heldAnalysis: Stage = {
      name: 'analysis',
      deferrable: true,
      async run(batch) {
        await gate;
        analysedBatches++;
        return analysisStage.run(batch);
      },
    };
    const controller = new AbortController();
    let deferred: DeferredStages | undefined;
    const running = runJetstream(p, {
      env: { VIGIL_JETSTREAM_URL: fake.server.url.replace('http:', 'ws:'), VIGIL_FETCH_ALLOW: '127.0.0.0/8' },
      signal: controller.signal,
      stages: [heldAnalysis, captureStage],
      flushMs: 20,
      onDeferred: (d) => {
        deferred = d;
      },
    });
    await until('connected', () => fake.sockets.size === 1);
    const post = fake.post('shelling near the bakery in al-Shaar, two injured');
    fake.send(fake.frame(post, 'create', 2_000_001));
    await until('searchable', async () => (await p.store.search({ text: 'bakery', limit: 5 })).length === 1);
    assert.equal(await analyses(), 0, 'analysis has not run yet');
    assert.equal(analysedBatches, 0);
    assert.ok(deferred, 'the runner hands out its deferred stages');
    // The capture stage is not deferrable: its capture job is committed with the post.
    const jobs = await p.store.db.selectFrom('capture_jobs').select('url').execute();
    assert.ok(jobs.some((j) => j.url.includes(post.rkey)));
    open();
    await until('analysed', async () => (await analyses()) === 1);
    assert.equal(analysedBatches, 1);
    controller.abort();
    await running;
  });

  it('posts captured but not analysed before a stop are analysed when the stream starts again', async () => {
    // A commit as the runner makes it, then a "crash" before the deferred analysis ran.
    const post = fake.post('evacuation buses have not arrived at Ramouseh');
    const before = await analyses();
    await commitItems(
      p,
      { captured: 0, unchanged: 0, rejected: [], unknownDeletions: 0 },
      [
        {
          kind: 'message',
          place: 'line=1',
          message: {
            platform: 'bluesky',
            nativeId: post.rkey,
            author: { id: DID },
            postedAt: new Date().toISOString(),
            text: 'evacuation buses have not arrived at Ramouseh',
            media: [],
          },
        },
      ],
      {
        record: Buffer.from('frames'),
        url: 'ws://127.0.0.1/subscribe',
        source: { name: 'live-bluesky-jetstream', version: '1.0.0' },
        actor: 'test',
        stages: [],
        capturedAt: new Date().toISOString(),
      },
    );
    assert.equal(await analyses(), before);
    const controller = new AbortController();
    const running = runJetstream(p, {
      env: { VIGIL_JETSTREAM_URL: fake.server.url.replace('http:', 'ws:'), VIGIL_FETCH_ALLOW: '127.0.0.0/8' },
      signal: controller.signal,
      stages: [analysisStage, captureStage],
      flushMs: 20,
    });
    await until('analysed after restart', async () => (await analyses()) === before + 1);
    controller.abort();
    await running;
  });
});
