import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIGEST_CREATED } from '../../src/core/events.ts';
import { bearer, type Harness, harness } from './harness.ts';

describe('POST /api/digest', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  const body = { since: '2016-12-12', until: '2016-12-14' };

  it('gives an analyst the digest as JSON and records it as digest.created', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/digest',
      headers: bearer(h.tokens.analyst),
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.kind, 'vigil.digest');
    assert.equal(d.empty, true);
    assert.equal(d.options.since, '2016-12-12T00:00:00.000Z');
    const seq = Number(res.headers['x-vigil-digest-seq']);
    let found = false;
    for await (const e of h.store.readLedger(seq)) {
      if (e.kind !== DIGEST_CREATED) continue;
      found = true;
      assert.equal(e.actor, 'analyst');
      assert.equal((e.payload as { hash: string }).hash, res.headers['x-vigil-digest-hash']);
    }
    assert.ok(found);
  });

  it('answers Markdown and Arabic HTML with their types', async () => {
    const md = await h.app.inject({
      method: 'POST',
      url: '/api/digest',
      headers: bearer(h.tokens.analyst),
      payload: { ...body, format: 'md' },
    });
    assert.equal(md.statusCode, 200);
    assert.match(String(md.headers['content-type']), /^text\/markdown/);
    assert.match(md.body, /Nothing in this window/);
    const html = await h.app.inject({
      method: 'POST',
      url: '/api/digest',
      headers: bearer(h.tokens.analyst),
      payload: { ...body, format: 'html', lang: 'ar' },
    });
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(html.body, /<html lang="ar" dir="rtl">/);
  });

  it('refuses viewers and bad windows', async () => {
    const viewer = await h.app.inject({
      method: 'POST',
      url: '/api/digest',
      headers: bearer(h.tokens.viewer),
      payload: body,
    });
    assert.equal(viewer.statusCode, 403);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/digest',
      headers: bearer(h.tokens.analyst),
      payload: { since: 'yesterday', until: '2016-12-14' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /--since: expected a date/);
    const backwards = await h.app.inject({
      method: 'POST',
      url: '/api/digest',
      headers: bearer(h.tokens.analyst),
      payload: { since: '2016-12-14', until: '2016-12-12' },
    });
    assert.equal(backwards.statusCode, 400);
  });
});
