import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { collectRound } from '../../../src/pipeline/collect/collector.ts';
import { addFollow, getCursor, getHealth, itemsSince } from '../../../src/store/queries/live.ts';
import { FakeMastodon } from '../../helpers/fake-mastodon.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';

const KEY = 'mastodon:amal@social.example';

describe('live source: Mastodon', () => {
  let fake: FakeMastodon;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const round = () => collectRound(p, { fetcher: testFetcher(), backfillPages: 3, stages: [] });
  const count = async () =>
    Number(
      (
        await p.store.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('platform', '=', 'mastodon')
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    fake = await new FakeMastodon().start();
  });
  after(() => fake.close());
  beforeEach(async () => {
    await p?.dispose();
    p = await livePipeline();
    fake.statuses.clear();
    fake.username = 'amal';
    await addFollow(p.store.db, {
      key: KEY,
      platform: 'mastodon',
      target: 'amal@social.example',
      baseUrl: fake.server.url,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
  });
  after(() => p?.dispose());

  it('backfills pages on the first run, then reads only what is new; a re-run adds nothing', async () => {
    for (let i = 0; i < 95; i++) fake.post(`post ${i}`);
    const [first] = await round();
    assert.equal(first.ok, true, first.error);
    assert.equal(await count(), 95);
    assert.equal(first.health.state, 'ok');
    const again = await round();
    assert.equal(again[0].result?.captured, 0);
    assert.equal(await count(), 95);
    // 50 new posts: more than one page, so the gap down to the last captured post is walked.
    for (let i = 0; i < 50; i++) fake.post(`later ${i}`);
    const [later] = await round();
    assert.equal(later.result?.captured, 50);
    assert.equal(await count(), 145);
    const items = await itemsSince(p.store.db, new Date(Date.now() - 3600_000).toISOString());
    assert.equal(items.get(KEY), 145);
  });

  it('an edited post becomes a new version; a deleted one a deletion', async () => {
    const a = fake.post('shelling on al-Shaar');
    const b = fake.post('we are trapped');
    await round();
    fake.edit(a, 'shelling on al-Shaar, 3 killed');
    fake.statuses.delete(b);
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    assert.equal(r.result?.captured, 2);
    const rows = await p.store.db.selectFrom('messages').select(['native_id', 'text', 'deleted', 'versions']).execute();
    const byId = new Map(rows.map((x) => [x.native_id, x]));
    assert.equal(byId.get(a)?.text, 'shelling on al-Shaar, 3 killed');
    assert.equal(Number(byId.get(a)?.versions), 2);
    assert.equal(Number(byId.get(b)?.deleted), 1);
    assert.equal(Number(byId.get(b)?.versions), 2);
  });

  it('keeps collecting a renamed account by its id, with the new handle', async () => {
    fake.post('before');
    await round();
    fake.username = 'amal_aleppo';
    const id = fake.post('after the rename');
    const [r] = await round();
    assert.equal(r.ok, true, r.error);
    const m = await p.store.db.selectFrom('messages').selectAll().where('native_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(m.author_handle, 'amal_aleppo@social.example');
    assert.equal(m.author_id, 'https://social.example/users/amal');
  });

  it('keeps the raw response as a WARC record and points provenance at it', async () => {
    const id = fake.post('provenance');
    await round();
    const m = await p.store.db.selectFrom('messages').selectAll().where('native_id', '=', id).executeTakeFirstOrThrow();
    const full = await p.store.getMessage(m.id);
    assert.equal(full?.provenance.source, 'live-mastodon');
    assert.match(full?.provenance.locator ?? '', /\/api\/v1\/accounts\/109001\/statuses\?limit=40#index=0$/);
    const record = (await p.blobs.get(full?.provenance.blob ?? '')).toString('utf8');
    assert.match(record, /^WARC\/1\.1\r\nWARC-Type: response\r\n/);
    assert.match(record, /WARC-Target-URI: http:\/\/127\.0\.0\.1:\d+\/api\/v1\/accounts\/109001\/statuses\?limit=40/);
    assert.match(record, /HTTP\/1\.1 200 OK\r\n/);
    assert.match(record, /<p>provenance<\/p>/);
  });

  it('429 with Retry-After: rate_limited until then, and nothing lost on the next round', async () => {
    fake.post('one');
    fake.faults.push({ prefix: '/api/v1/accounts/lookup', fault: { status: 429, headers: { 'retry-after': '120' } } });
    const [r] = await round();
    assert.equal(r.ok, false);
    assert.equal(r.health.state, 'rate_limited');
    assert.ok(Date.parse(r.health.nextTryAt ?? '') > Date.now() + 100_000);
    const [again] = await round();
    assert.equal(again.ok, true);
    assert.equal(await count(), 1);
  });

  it('500s, a dropped connection and malformed JSON: degraded, then failing, with the error in words', async () => {
    fake.post('one');
    await round();
    fake.faults.push(
      { prefix: '/api/v1/accounts/109001', fault: { status: 500 } },
      { prefix: '/api/v1/accounts/109001', fault: { status: 500 } },
    );
    const [a] = await round();
    assert.equal(a.health.state, 'degraded');
    assert.match(a.error ?? '', /HTTP 500/);
    fake.faults.push(
      { prefix: '/api/v1/accounts/109001', fault: 'drop' },
      { prefix: '/api/v1/accounts/109001', fault: 'drop' },
    );
    const [b] = await round();
    assert.equal(b.health.state, 'degraded');
    assert.match(b.error ?? '', /closed before the answer was complete|socket hang up|aborted/);
    fake.faults.push({ prefix: '/api/v1/accounts/109001', fault: 'malformed' });
    const [c] = await round();
    assert.equal(c.health.state, 'failing');
    assert.match(c.error ?? '', /not JSON/);
    assert.equal((await getHealth(p.store.db, KEY))?.failures, 3);
    fake.post('two');
    const [d] = await round();
    assert.equal(d.health.state, 'ok');
    assert.equal(await count(), 2);
  });

  it('401 means auth_needed', async () => {
    fake.faults.push({
      prefix: '/api/v1/accounts/lookup',
      fault: { status: 401, body: '{"error":"This API requires an authenticated user"}' },
    });
    const [r] = await round();
    assert.equal(r.health.state, 'auth_needed');
    assert.equal(await getCursor(p.store.db, KEY), undefined);
  });

  it('sends a token only to the instance it names, and refuses a bare token', async () => {
    const withEnv = (VIGIL_MASTODON_TOKEN: string) =>
      collectRound(p, { fetcher: testFetcher(), backfillPages: 1, stages: [], env: { VIGIL_MASTODON_TOKEN } });
    fake.post('hello');
    fake.authorizations.length = 0;
    await withEnv('other.example=not-for-you, social.example=ours');
    assert.ok(fake.authorizations.length > 0);
    assert.ok(
      fake.authorizations.every((a) => a === 'Bearer ours'),
      fake.authorizations.join(' '),
    );
    fake.authorizations.length = 0;
    await withEnv('other.example=not-for-you');
    assert.ok(fake.authorizations.length > 0);
    assert.ok(
      fake.authorizations.every((a) => a === undefined),
      'no token for an instance not named',
    );
    fake.authorizations.length = 0;
    const [r] = await withEnv('a-bare-token');
    assert.equal(fake.authorizations.length, 0, 'a bare token is never sent');
    assert.match(r.health.lastError ?? '', /instance=token/);
  });
});
