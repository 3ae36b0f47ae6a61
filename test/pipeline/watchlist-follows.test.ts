import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PERSON_UPDATED, type Person } from '../../src/core/person.ts';
import { followWatchlist } from '../../src/pipeline/collect/watchlist-follows.ts';
import { addFollow, getCursor, getHealth, listFollows, putHealth, saveCursor } from '../../src/store/queries/live.ts';
import { addPerson } from '../../src/watch/watchlist.ts';
import { livePipeline } from '../helpers/live.ts';

describe('automatic follows follow the watchlist', () => {
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const at = '2026-12-04T20:00:00.000Z';
  const keys = async () =>
    (await listFollows(p.store.db)).map((f) => `${f.key}${f.auto ? ' auto' : ''} ${f.personId ?? ''}`);
  let omar: Person;
  let zaina: Person;

  before(async () => {
    p = await livePipeline();
  });
  after(() => p.dispose());

  it('adds each watched account once, and leaves hand-made follows alone', async () => {
    omar = await addPerson(
      p.store,
      {
        name: 'Omar',
        accounts: [
          { platform: 'mastodon', handle: 'omar@social.example' },
          { platform: 'telegram', handle: 'omar_news' },
        ],
      },
      'test',
      at,
    );
    zaina = await addPerson(
      p.store,
      { name: 'Zaina', accounts: [{ platform: 'telegram', handle: 'omar_news' }] },
      'test',
      at,
    );
    await addFollow(p.store.db, {
      key: 'rss:https://news.example/feed.xml',
      platform: 'rss',
      target: 'https://news.example/feed.xml',
      auto: false,
      addedAt: at,
      addedBy: 'test',
    });
    const r = await followWatchlist(p.store, at);
    assert.deepEqual(r.added.sort(), ['mastodon:omar@social.example', 'telegram:omar_news']);
    assert.deepEqual(r.removed, []);
    assert.deepEqual(await keys(), [
      `mastodon:omar@social.example auto ${omar.id}`,
      'rss:https://news.example/feed.xml ',
      `telegram:omar_news auto ${omar.id}`,
    ]);
  });

  it('an account taken off a person is unfollowed with its cursor and health; a shared one moves to the other person', async () => {
    await saveCursor(p.store.db, 'mastodon:omar@social.example', { newestId: '1' }, at);
    await putHealth(p.store.db, {
      followKey: 'mastodon:omar@social.example',
      state: 'ok',
      failures: 0,
      updatedAt: at,
    });
    // Omar's record now lists only his Bluesky account: Mastodon and the shared Telegram channel are gone.
    const updated: Person = { ...omar, accounts: [{ platform: 'bluesky', handle: 'omar.bsky.social' }] };
    await p.store.append([{ kind: PERSON_UPDATED, at, actor: 'test', payload: { person: updated } }]);
    const r = await followWatchlist(p.store, at);
    assert.deepEqual(r.added, ['bluesky:omar.bsky.social']);
    assert.deepEqual(r.removed, ['mastodon:omar@social.example']);
    assert.equal(await getCursor(p.store.db, 'mastodon:omar@social.example'), undefined);
    assert.equal(await getHealth(p.store.db, 'mastodon:omar@social.example'), undefined);
    assert.deepEqual(await keys(), [
      `bluesky:omar.bsky.social auto ${omar.id}`,
      'rss:https://news.example/feed.xml ',
      `telegram:omar_news auto ${zaina.id}`,
    ]);
  });

  it('a person no longer on the watchlist loses their automatic follows; hand-made ones stay', async () => {
    // Vigil has no removal command yet; this is the watchlist a removal would leave behind.
    await p.store.db.deleteFrom('person_accounts').where('person_id', '=', zaina.id).execute();
    await p.store.db.deleteFrom('people').where('id', '=', zaina.id).execute();
    const r = await followWatchlist(p.store, at);
    assert.deepEqual(r.removed, ['telegram:omar_news']);
    assert.deepEqual(await keys(), [`bluesky:omar.bsky.social auto ${omar.id}`, 'rss:https://news.example/feed.xml ']);
  });
});
