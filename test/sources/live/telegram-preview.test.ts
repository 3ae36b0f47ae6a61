import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identityHash } from '../../../src/core/hash.ts';
import { collectRound } from '../../../src/pipeline/collect/collector.ts';
import { channelIdOf, readPreview } from '../../../src/sources/live/telegram-preview.ts';
import { telegramExportSource } from '../../../src/sources/telegram-export.ts';
import { addFollow } from '../../../src/store/queries/live.ts';
import { FakeTelegram } from '../../helpers/fake-telegram.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';
import { collect, fixture, inputOf } from '../helpers/fixtures.ts';

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
    const last = all.find((m) => m.native_id === '1009988776/45');
    assert.equal(last?.text, 'قصف على حي الشعار\nثلاثة شهداء');
    assert.equal(last?.posted_at, '2016-12-13T12:45:00+00:00');
    assert.equal(last?.author_id, 'channel1009988776');
    assert.equal(last?.author_handle, 'aleppo_mc');
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
    const v = all.find((m) => m.native_id === '1009988776/70');
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

  it('a live post and the same post in a Telegram export have one identity, so it is stored once', async () => {
    // account-export's "East Aleppo News" is channel 1009988776 (from_id channel1009988776), message 5.
    const exported = (await collect(telegramExportSource, inputOf(fixture('telegram', 'account-export')))).messages;
    const fromExport = exported.find((m) => m.message.nativeId === '1009988776/5')?.message;
    assert.ok(fromExport, 'the export has message 5 of the channel');
    const html = await (await fetch(`${fake.server.url}/s/aleppo_mc?before=6`)).text();
    const live = readPreview(html, 'aleppo_mc', 'test').posts.find((x) => x.id === 5)?.item;
    assert.equal(live?.kind, 'message');
    const fromLive = live?.kind === 'message' ? live.message : undefined;
    assert.ok(fromLive);
    assert.equal(identityHash(fromLive), identityHash(fromExport));
    // Without the channel id in the page (older markup), the channel name stands in: not the export's identity.
    const bare = readPreview(html.replaceAll(/data-view="[^"]*"/g, ''), 'aleppo_mc', 'test').posts[0].item;
    assert.equal(bare.kind === 'message' && bare.message.author.id, 'aleppo_mc');
    assert.equal(
      channelIdOf('eyJjIjotMjAwOTA3MTc0NSwicCI6MTQ4NSwidCI6MTc4NzkyOTg1OSwiaCI6ImIzM2MzZDg2ZDA2NzQ3NjMyYyJ9'),
      '2009071745',
    );
    assert.equal(channelIdOf('not base64 json'), undefined);
  });
});
