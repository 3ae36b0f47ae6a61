import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectRound } from '../../../src/pipeline/collect/collector.ts';
import { addFollow } from '../../../src/store/queries/live.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';
import { type LocalServer, localServer } from '../../helpers/local-server.ts';

// X API v2 shapes after https://docs.x.com/x-api/users/get-posts (data, includes.users, meta).
const USER = { id: '2244994945', name: 'Abdulkafi', username: 'abdulkafi_h' };

describe('live source: X API v2 user timeline', () => {
  let s: LocalServer;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const posts: { id: string; text: string; created_at: string; edit_history_tweet_ids: string[] }[] = [];
  const faults: { status: number; headers: Record<string, string> }[] = [];
  let username = USER.username;
  const env = { VIGIL_X_BEARER_TOKEN: 'test-token' };
  const round = (e: NodeJS.ProcessEnv = env) =>
    collectRound(p, { fetcher: testFetcher(), env: e, backfillPages: 5, stages: [] });

  before(async () => {
    s = await localServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer test-token')
        return json(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      const f = faults.shift();
      if (f)
        return json(
          f.status,
          { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
          f.headers,
        );
      if (url.pathname === `/2/users/by/username/${username}`) return json(200, { data: { ...USER, username } });
      if (url.pathname === `/2/users/${USER.id}/tweets`) {
        const since = url.searchParams.get('since_id');
        const max = Number(url.searchParams.get('max_results') ?? 10);
        const offset = Number(url.searchParams.get('pagination_token') ?? 0);
        const all = posts
          .filter((t) => !since || BigInt(t.id) > BigInt(since))
          .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
        const page = all.slice(offset, offset + max).map((t) => ({ ...t, author_id: USER.id, lang: 'en' }));
        if (page.length === 0) return json(200, { meta: { result_count: 0 } });
        return json(200, {
          data: page,
          includes: { users: [{ ...USER, username }] },
          meta: {
            result_count: page.length,
            newest_id: page[0].id,
            oldest_id: page[page.length - 1].id,
            ...(offset + max < all.length ? { next_token: String(offset + max) } : {}),
          },
        });
      }
      json(404, { title: 'Not Found Error', detail: 'not found' });
    });
    p = await livePipeline();
    await addFollow(p.store.db, {
      key: 'twitter:abdulkafi_h',
      platform: 'twitter',
      target: 'abdulkafi_h',
      baseUrl: s.url,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
  });
  after(async () => {
    await p.dispose();
    await s.close();
  });

  const add = (n: number, prefix: string) => {
    for (let i = 0; i < n; i++) {
      const id = String(808328734871040000n + BigInt(posts.length));
      posts.push({
        id,
        text: `${prefix} ${i}`,
        created_at: new Date(Date.UTC(2016, 11, 12, 20, posts.length)).toISOString(),
        edit_history_tweet_ids: [id],
      });
    }
  };

  it('without a bearer token the follow is auth_needed, and says which variable to set', async () => {
    const [r] = await round({});
    assert.equal(r.health.state, 'auth_needed');
    assert.match(r.error ?? '', /VIGIL_X_BEARER_TOKEN/);
    const [bad] = await round({ VIGIL_X_BEARER_TOKEN: 'wrong' });
    assert.equal(bad.health.state, 'auth_needed');
  });

  it('backfills with pagination_token, then reads since_id across pages', async () => {
    add(250, 'post');
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    add(130, 'later');
    const [r2] = await round();
    assert.equal(r2.ok, true, r2.error);
    assert.equal(r2.result?.captured, 130);
    const n = await p.store.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 380);
  });

  it('an edit (a new post id naming the original) is a new version; a renamed account keeps its id', async () => {
    const orig = posts[posts.length - 1];
    const editId = String(808328734871040000n + BigInt(posts.length));
    posts.push({
      id: editId,
      text: `${orig.text} (edited)`,
      created_at: orig.created_at,
      edit_history_tweet_ids: [orig.id, editId],
    });
    username = 'abdulkafi_new';
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    const m = await p.store.db
      .selectFrom('messages')
      .selectAll()
      .where('native_id', '=', orig.id)
      .executeTakeFirstOrThrow();
    assert.equal(m.text, `${orig.text} (edited)`);
    assert.equal(Number(m.versions), 2);
    assert.equal(m.author_handle, 'abdulkafi_new');
  });

  it('429 with x-rate-limit-reset is rate_limited until the reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 900;
    faults.push({ status: 429, headers: { 'x-rate-limit-reset': String(reset) } });
    const [r] = await round();
    assert.equal(r.health.state, 'rate_limited');
    assert.equal(r.health.nextTryAt, new Date(reset * 1000).toISOString());
  });
});
