import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectRound } from '../../../src/pipeline/collect/collector.ts';
import { addFollow } from '../../../src/store/queries/live.ts';
import { FakeTelegram } from '../../helpers/fake-telegram.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';

describe('live source: Telegram channel preview', () => {
  let fake: FakeTelegram;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const round = () => collectRound(p, { fetcher: testFetcher(), backfillPages: 10, stages: [] });
  const rows = () => p.store.db.selectFrom('messages').selectAll().orderBy('native_id').execute();

  before(async () => {
    fake = await new FakeTelegram().start();
    p = await livePipeline();
    await addFollow(p.store.db, {
      key: 'telegram:aleppo_mc',
      platform: 'telegram',
      target: 'aleppo_mc',
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

  it('backfills by ?before=, reads text, line breaks, photos and times', async () => {
    for (let i = 0; i < 45; i++)
      fake.post(
        i === 44 ? 'قصف على حي الشعار\nثلاثة شهداء' : `post ${i}`,
        i === 44 ? 'https://cdn.example/p.jpg' : undefined,
      );
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    const all = await rows();
    assert.equal(all.length, 45);
    const last = all.find((m) => m.native_id === '45');
    assert.equal(last?.text, 'قصف على حي الشعار\nثلاثة شهداء');
    assert.equal(last?.posted_at, '2016-12-13T12:45:00+00:00');
    assert.equal(last?.author_id, 'aleppo_mc');
    assert.match(last?.media ?? '', /cdn\.example\/p\.jpg/);
    assert.ok(fake.server.requests.some((q) => q.path === '/s/aleppo_mc?before=6'));
  });

  it('walks back over more new posts than one page; an edited text on the page is a new version', async () => {
    for (let i = 0; i < 30; i++) fake.post(`later ${i}`);
    const edited = fake.posts.get(70);
    if (edited) fake.posts.set(70, { ...edited, text: 'later 24 (corrected)', edited: true });
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    const all = await rows();
    assert.equal(all.length, 75);
    const v = all.find((m) => m.native_id === '70');
    assert.equal(v?.text, 'later 24 (corrected)');
    const [again] = await round();
    assert.equal(again.result?.captured, 0);
  });

  it('a page that is not a channel preview, and a 500, are errors in words', async () => {
    fake.faults.push('malformed');
    const [a] = await round();
    assert.equal(a.ok, false);
    assert.match(a.error ?? '', /not a Telegram channel preview/);
    fake.faults.push(500, 500);
    const [b] = await round();
    assert.match(b.error ?? '', /HTTP 500/);
  });
});
