import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pollFollow } from '../../../src/pipeline/collect/collector.ts';
import { runMastodonStreams, streamKey } from '../../../src/pipeline/collect/mastodon-stream-runner.ts';
import { readStreamingEvent, streamingUrl } from '../../../src/sources/live/mastodon-streaming.ts';
import { addFollow, getHealth } from '../../../src/store/queries/live.ts';
import { FakeMastodon } from '../../helpers/fake-mastodon.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'live', 'mastodon');
const frame = (name: string) => readFileSync(join(FIX, name), 'utf8').trim();
const KEY = 'mastodon:amal@social.example';

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never happened: ${what}`);
}

describe('Mastodon streaming: the documented event frames', () => {
  const o = { instance: 'mastodon.social', accounts: new Set(['gargron']) };

  it('update and status.update carry the status as a JSON string; delete carries its id', () => {
    const [u] = readStreamingEvent(frame('streaming-update.json'), 'line=1', o);
    assert.equal(u.kind, 'message');
    assert.equal(u.kind === 'message' && u.message.nativeId, '103270115826048975');
    assert.equal(u.kind === 'message' && u.message.author.id, 'https://mastodon.social/users/Gargron');
    const [e] = readStreamingEvent(frame('streaming-status-update.json'), 'line=2', o);
    assert.equal(e.kind === 'message' && e.message.nativeId, '103270115826048975');
    assert.match(e.kind === 'message' ? e.message.text : '', /\(edited\)$/);
    assert.deepEqual(readStreamingEvent(frame('streaming-delete.json'), 'line=3', o), [
      { kind: 'deleted', platform: 'mastodon', nativeId: '103270115826048975', place: 'line=3' },
    ]);
  });

  it('keeps only followed local accounts, skips other events, names the line of a bad frame', () => {
    assert.deepEqual(readStreamingEvent(frame('streaming-update.json'), 'line=1', { ...o, accounts: new Set() }), []);
    const remote = JSON.parse(frame('streaming-update.json'));
    const status = JSON.parse(remote.payload);
    remote.payload = JSON.stringify({ ...status, account: { ...status.account, acct: 'Gargron@elsewhere.example' } });
    assert.deepEqual(readStreamingEvent(JSON.stringify(remote), 'line=1', o), []);
    assert.deepEqual(readStreamingEvent('{"stream":["user"],"event":"notification","payload":"{}"}', 'line=1', o), []);
    const [bad] = readStreamingEvent('{"event": "update", payl', 'line=7', o);
    assert.equal(bad.kind, 'rejected');
    assert.match(bad.kind === 'rejected' ? `${bad.place} ${bad.reason}` : '', /^line=7 not JSON/);
    const [badPayload] = readStreamingEvent('{"event":"update","payload":"{oops"}', 'line=8', o);
    assert.match(badPayload.kind === 'rejected' ? badPayload.reason : '', /update: payload is not a JSON status/);
  });

  it('the streaming address: ws(s) from the instance address, the stream and the token in the query', () => {
    assert.equal(
      streamingUrl({ baseUrl: 'https://social.example', stream: 'public:local', token: 't0k' }),
      'wss://social.example/api/v1/streaming?stream=public%3Alocal&access_token=t0k',
    );
  });
});

describe('Mastodon streaming: live against a local instance', () => {
  let fake: FakeMastodon;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const controller = new AbortController();
  let running: Promise<void>;
  const byNative = (id: string) =>
    p.store.db.selectFrom('messages').selectAll().where('native_id', '=', id).executeTakeFirst();
  let before0: string;

  before(async () => {
    fake = await new FakeMastodon().start();
    fake.streamingToken = 'sekrit';
    p = await livePipeline();
    await addFollow(p.store.db, {
      key: KEY,
      platform: 'mastodon',
      target: 'amal@social.example',
      baseUrl: fake.server.url,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
    before0 = fake.post('posted before Vigil was listening');
    const env = {
      VIGIL_MASTODON_STREAM: 'user',
      VIGIL_MASTODON_TOKEN: 'social.example=sekrit',
      VIGIL_FETCH_ALLOW: '127.0.0.0/8',
    };
    const live = { fetcher: testFetcher(), env, backfillPages: 2, signal: controller.signal };
    running = runMastodonStreams(p, {
      env,
      signal: controller.signal,
      stages: [],
      flushMs: 10,
      backoffBaseMs: 20,
      gapFill: (f) => pollFollow(p, f, live, { stages: [] }, () => new Date()),
    });
  });
  after(async () => {
    controller.abort();
    await running;
    await p.dispose();
    await fake.close();
  });

  it('connects with the stream and token, and gap-fills over REST once connected', async () => {
    await until('connected', () => fake.sockets.size === 1);
    assert.equal(fake.handshakes[0].get('stream'), 'user');
    assert.equal(fake.handshakes[0].get('access_token'), 'sekrit');
    await until('gap-filled', async () => !!(await byNative(before0)));
    const m = await p.store.getMessage((await byNative(before0))?.id ?? '');
    assert.equal(m?.provenance.source, 'live-mastodon');
  });

  it('an update is captured from the stream, an edit becomes a new version, a delete a deletion', async () => {
    const id = fake.post('shelling near the market');
    fake.stream('update', id);
    await until('streamed post', async () => !!(await byNative(id)));
    const row = await byNative(id);
    const m = await p.store.getMessage(row?.id ?? '');
    assert.equal(m?.provenance.source, 'live-mastodon-streaming');
    assert.equal(m?.text, 'shelling near the market');
    const record = (await p.blobs.get(m?.provenance.blob ?? '')).toString('utf8');
    assert.match(record, /^WARC\/1\.1\r\nWARC-Type: resource\r\n/);
    assert.doesNotMatch(record, /sekrit/, 'the access token is not kept with the evidence');
    fake.edit(id, 'shelling near the market, 2 injured');
    fake.stream('status.update', id);
    await until('edited', async () => Number((await byNative(id))?.versions) === 2);
    assert.equal((await byNative(id))?.text, 'shelling near the market, 2 injured');
    fake.statuses.delete(id);
    fake.stream('delete', id);
    await until('deleted', async () => Number((await byNative(id))?.deleted) === 1);
  });

  it('a malformed frame is reported with its line and the stream goes on', async () => {
    fake.streamRaw('{"stream":["user"],"event":"update","payload":"{not json"}');
    const key = streamKey('social.example');
    await until('reported', async () => (await getHealth(p.store.db, key))?.state === 'degraded');
    assert.match((await getHealth(p.store.db, key))?.lastError ?? '', /line=1: update: payload is not a JSON status/);
    const id = fake.post('after the bad frame');
    fake.stream('update', id);
    await until('post after the bad frame', async () => !!(await byNative(id)));
    assert.equal(fake.handshakes.length, 1, 'the same connection');
  });

  it('a dropped connection reconnects and the gap-fill reads what was posted meanwhile', async () => {
    for (const ws of fake.sockets) ws.terminate();
    const missed = fake.post('posted while the stream was down');
    await until('reconnected', () => fake.handshakes.length === 2 && fake.sockets.size === 1);
    await until('gap-filled after reconnect', async () => !!(await byNative(missed)));
    const m = await p.store.getMessage((await byNative(missed))?.id ?? '');
    assert.equal(m?.provenance.source, 'live-mastodon');
    const after = fake.post('after the reconnect');
    fake.stream('update', after);
    await until('streamed after reconnect', async () => !!(await byNative(after)));
    const h = await getHealth(p.store.db, streamKey('social.example'));
    assert.equal(h?.state, 'ok', 'a good batch after the reconnect makes it ok again');
  });
});

describe('Mastodon streaming: the address guard and credentials', () => {
  it('a loopback instance is refused without VIGIL_FETCH_ALLOW, before any connection', async () => {
    const fake = await new FakeMastodon().start();
    const p = await livePipeline();
    const host = fake.server.url.replace('127.0.0.1', 'localhost');
    await addFollow(p.store.db, {
      key: KEY,
      platform: 'mastodon',
      target: 'amal@social.example',
      baseUrl: host,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
    const controller = new AbortController();
    const running = runMastodonStreams(p, {
      env: { VIGIL_MASTODON_STREAM: 'public' },
      signal: controller.signal,
      stages: [],
      backoffBaseMs: 20,
      gapFill: async () => undefined,
    });
    await until('refused', async () => !!(await getHealth(p.store.db, streamKey('social.example'))));
    const h = await getHealth(p.store.db, streamKey('social.example'));
    // localhost resolves to loopback: refused after DNS resolution, like every fetch.
    assert.match(h?.lastError ?? '', /localhost resolves to .*loopback/);
    assert.equal(fake.handshakes.length, 0, 'no handshake reached the server');
    controller.abort();
    await running;
    await p.dispose();
    await fake.close();
  });

  it('a refused token is auth_needed', async () => {
    const fake = await new FakeMastodon().start();
    fake.streamingToken = 'right';
    const p = await livePipeline();
    await addFollow(p.store.db, {
      key: KEY,
      platform: 'mastodon',
      target: 'amal@social.example',
      baseUrl: fake.server.url,
      auto: false,
      addedAt: new Date().toISOString(),
      addedBy: 'test',
    });
    const controller = new AbortController();
    const running = runMastodonStreams(p, {
      env: {
        VIGIL_MASTODON_STREAM: 'user',
        VIGIL_MASTODON_TOKEN: 'social.example=wrong',
        VIGIL_FETCH_ALLOW: '127.0.0.0/8',
      },
      signal: controller.signal,
      stages: [],
      backoffBaseMs: 20,
      gapFill: async () => undefined,
    });
    await until('answered', async () => !!(await getHealth(p.store.db, streamKey('social.example'))));
    const h = await getHealth(p.store.db, streamKey('social.example'));
    assert.equal(h?.state, 'auth_needed');
    assert.match(h?.lastError ?? '', /HTTP 401/);
    assert.doesNotMatch(h?.lastError ?? '', /wrong/, 'the token is not written into the error');
    controller.abort();
    await running;
    await p.dispose();
    await fake.close();
  });
});
