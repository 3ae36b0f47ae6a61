import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseAllowList } from '../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../src/core/net/polite-fetcher.ts';
import { urlCapturer } from '../../src/evidence/capture/capture-url.ts';
import { imageEnricher } from '../../src/evidence/capture/image-info.ts';
import { CaptureWorker } from '../../src/evidence/capture/worker.ts';
import { type CaptureSite, captureSite } from '../helpers/capture-site.ts';
import { PG_URL, postgresFactory } from '../helpers/stores.ts';
import { bearer, type Harness, harness, jsonl, login, minimal, PASSWORDS } from './harness.ts';

let h: Harness;
let site: CaptureSite;
let messageId: string;
let capture: { id: string; result: { image: { thumbnail: { sha256: string } }; warc: { sha256: string } } };

before(async () => {
  h = await harness();
  site = await captureSite();
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(minimal('1', 'After the strike', { media: [`${site.url}/img.png`] })),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.statusCode, 200, r.body);
  const s = await h.app.inject({ method: 'GET', url: '/api/search?limit=1', headers: bearer(h.tokens.viewer) });
  messageId = s.json().hits[0].id;
  const tools = { vigil: 'test' };
  const fetcher = new PoliteFetcher({ allow: parseAllowList('127.0.0.1/32'), minIntervalMs: 0, retries: 0 });
  const worker = new CaptureWorker({
    store: h.store,
    capture: urlCapturer({ fetcher, blobs: h.blobs, tools, enrichers: [imageEnricher] }),
    tools,
    concurrency: 1,
  });
  await worker.drain();
  const list = await h.app.inject({
    method: 'GET',
    url: `/api/messages/${messageId}/captures`,
    headers: bearer(h.tokens.viewer),
  });
  capture = list.json().captures.find((c: { url: string }) => c.url.endsWith('/img.png'));
  assert.ok(capture?.result?.image, list.body);
});
after(async () => {
  await site.close();
  await h.close();
});

async function ledgerOf(kind: string) {
  const out: { actor: string; payload: Record<string, unknown> }[] = [];
  for await (const e of h.store.readLedger())
    if (e.kind === kind) out.push({ actor: e.actor, payload: e.payload as Record<string, unknown> });
  return out;
}

test('reveal-by-default is each user`s own setting: off by default, set by the user, recorded', async () => {
  const get = (token: string) => h.app.inject({ method: 'GET', url: '/api/me/settings', headers: bearer(token) });
  assert.deepEqual((await get(h.tokens.viewer)).json(), { revealGraphicMedia: false });
  const put = await h.app.inject({
    method: 'PUT',
    url: '/api/me/settings',
    payload: { revealGraphicMedia: true },
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json(), { revealGraphicMedia: true });
  assert.deepEqual((await get(h.tokens.viewer)).json(), { revealGraphicMedia: true });
  // another user's setting is untouched
  assert.deepEqual((await get(h.tokens.analyst)).json(), { revealGraphicMedia: false });
  const changed = await ledgerOf('setting.changed');
  assert.deepEqual(changed, [{ actor: 'viewer', payload: { user: 'viewer', key: 'revealGraphicMedia', value: true } }]);
  // an unknown setting, a wrong type, and nobody signed in are refused
  for (const payload of [{ somethingElse: true }, { revealGraphicMedia: 'yes' }]) {
    const bad = await h.app.inject({
      method: 'PUT',
      url: '/api/me/settings',
      payload,
      headers: bearer(h.tokens.viewer),
    });
    assert.equal(bad.statusCode, 400, bad.body);
  }
  assert.equal((await h.app.inject({ method: 'GET', url: '/api/me/settings' })).statusCode, 401);
  // a browser session needs its CSRF token to change it
  const s = await login(h.app, 'analyst', PASSWORDS.analyst);
  const noCsrf = await h.app.inject({
    method: 'PUT',
    url: '/api/me/settings',
    payload: { revealGraphicMedia: true },
    headers: { cookie: s.cookie },
  });
  assert.equal(noCsrf.statusCode, 403, noCsrf.body);
});

test('each reveal of a captured picture is its own audit event, listed in the audit log', async () => {
  const sha256 = capture.result.image.thumbnail.sha256;
  const reveal = (body: object, token = h.tokens.viewer) =>
    h.app.inject({ method: 'POST', url: `/api/captures/${capture.id}/reveal`, payload: body, headers: bearer(token) });
  const one = await reveal({ sha256 });
  assert.equal(one.statusCode, 200, one.body);
  const two = await reveal({ sha256, trigger: 'setting' }, h.tokens.analyst);
  assert.equal(two.statusCode, 200, two.body);
  assert.ok(two.json().seq > one.json().seq);
  const events = await ledgerOf('audit.media_revealed');
  assert.deepEqual(events, [
    {
      actor: 'viewer',
      payload: { capture: capture.id, message: messageId, url: `${site.url}/img.png`, sha256, trigger: 'click' },
    },
    {
      actor: 'analyst',
      payload: { capture: capture.id, message: messageId, url: `${site.url}/img.png`, sha256, trigger: 'setting' },
    },
  ]);
  const log = await h.app.inject({
    method: 'GET',
    url: '/api/audit?kind=audit.media_revealed',
    headers: bearer(h.tokens.admin),
  });
  assert.equal(log.statusCode, 200, log.body);
  assert.equal(log.body.includes(sha256), true, log.body);
  // only the capture's own pictures: not its WARC, not another blob
  assert.equal((await reveal({ sha256: capture.result.warc.sha256 })).statusCode, 404);
  assert.equal((await reveal({ sha256: 'a'.repeat(64) })).statusCode, 404);
  assert.equal(
    (await h.app.inject({ method: 'POST', url: `/api/captures/${capture.id}/reveal`, payload: { sha256 } })).statusCode,
    401,
  );
  assert.equal((await ledgerOf('audit.media_revealed')).length, 2, 'refused reveals record nothing');
});

test('the setting is kept on PostgreSQL too', { skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set' }, async () => {
  const pg = await harness({ factory: postgresFactory });
  try {
    const put = (value: boolean) =>
      pg.app.inject({
        method: 'PUT',
        url: '/api/me/settings',
        payload: { revealGraphicMedia: value },
        headers: bearer(pg.tokens.analyst),
      });
    assert.deepEqual((await put(true)).json(), { revealGraphicMedia: true });
    assert.deepEqual((await put(false)).json(), { revealGraphicMedia: false });
    const got = await pg.app.inject({ method: 'GET', url: '/api/me/settings', headers: bearer(pg.tokens.analyst) });
    assert.deepEqual(got.json(), { revealGraphicMedia: false });
    const rows = await pg.store.db.selectFrom('user_settings').selectAll().execute();
    assert.deepEqual(
      rows.map((r) => [r.username, r.key, r.value]),
      [['analyst', 'revealGraphicMedia', 'false']],
    );
  } finally {
    await pg.close();
  }
});

test('each reveal of a graphic picture a message holds (from its export) is an audit event too', async () => {
  const graphic = 'b'.repeat(64);
  const plain = 'c'.repeat(64);
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(
      minimal('2', 'Held pictures of the market', {
        media: [
          { sha256: graphic, mime: 'image/jpeg', graphic: true },
          { sha256: plain, mime: 'image/jpeg' },
        ],
      }),
    ),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.statusCode, 200, r.body);
  const s = await h.app.inject({ method: 'GET', url: '/api/search?q=market', headers: bearer(h.tokens.viewer) });
  const id = s.json().hits[0].id as string;
  const reveal = (body: object, token?: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/messages/${id}/media/reveal`,
      payload: body,
      headers: token ? bearer(token) : {},
    });
  assert.equal((await reveal({ sha256: graphic }, h.tokens.viewer)).statusCode, 200);
  assert.equal((await reveal({ sha256: graphic, trigger: 'setting' }, h.tokens.analyst)).statusCode, 200);
  // not graphic, not on this message, nobody signed in: refused, and nothing recorded
  assert.equal((await reveal({ sha256: plain }, h.tokens.viewer)).statusCode, 404);
  assert.equal((await reveal({ sha256: 'd'.repeat(64) }, h.tokens.viewer)).statusCode, 404);
  assert.equal((await reveal({ sha256: graphic })).statusCode, 401);
  const held = (await ledgerOf('audit.media_revealed')).filter((e) => e.payload.held === true);
  assert.deepEqual(held, [
    { actor: 'viewer', payload: { message: id, sha256: graphic, trigger: 'click', held: true } },
    { actor: 'analyst', payload: { message: id, sha256: graphic, trigger: 'setting', held: true } },
  ]);
});
