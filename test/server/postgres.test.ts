import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPerson } from '../../src/watch/watchlist.ts';
import { PG_URL, postgresFactory } from '../helpers/stores.ts';
import { bearer, harness, jsonl, login, minimal, PASSWORDS } from './harness.ts';

test('the API on the PostgreSQL store: auth, ingest, search, provenance, verify, board, notes, audit, stats', async (t) => {
  if (!PG_URL) {
    t.skip('VIGIL_TEST_PG_URL is not set');
    return;
  }
  const h = await harness({ factory: postgresFactory });
  try {
    const p = await addPerson(
      h.store,
      { name: 'Nour', accounts: [{ platform: 'twitter', handle: 'nour' }] },
      'test',
      '2016-12-10T00:00:00Z',
    );
    const body = jsonl(
      minimal('1', 'نداء عاجل: عائلة تحت الأنقاض', { author: { id: 'nour', handle: 'nour' } }),
      minimal('2', 'Shelling near the old city', { author: { id: 'nour', handle: 'nour' } }),
    );
    const ing = await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      payload: body,
      headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
    });
    assert.equal(ing.json().new, 2, ing.body);
    const s = await login(h.app, 'viewer', PASSWORDS.viewer);
    const hits = (
      await h.app.inject({ url: `/api/search?text=${encodeURIComponent('الانقاض')}`, headers: { cookie: s.cookie } })
    ).json().hits;
    assert.equal(hits.length, 1);
    const id = hits[0].id;
    const d = (await h.app.inject({ url: `/api/messages/${id}`, headers: bearer(h.tokens.viewer) })).json();
    assert.equal(d.provenance.ledger.kind, 'message.captured');
    const v = await h.app.inject({
      method: 'POST',
      url: `/api/messages/${id}/verify`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    assert.equal(v.json().ok, true, v.body);
    const board = (await h.app.inject({ url: '/api/people', headers: bearer(h.tokens.viewer) })).json();
    assert.equal(board.rows[0].posts, 2);
    const note = await h.app.inject({
      method: 'POST',
      url: `/api/people/${p.id}/notes`,
      payload: { status: 'believed_alive', text: 'heard from her' },
      headers: bearer(h.tokens.analyst),
    });
    assert.equal(note.statusCode, 201, note.body);
    const audit = (
      await h.app.inject({ url: '/api/audit?kind=audit.person_viewed', headers: bearer(h.tokens.admin) })
    ).json();
    assert.equal(audit.length, 1);
    const stats = (await h.app.inject({ url: '/api/stats', headers: bearer(h.tokens.viewer) })).json();
    assert.equal(stats.messages, 2);
    assert.equal(
      stats.perHour.series.all.reduce((a: number, b: number) => a + b, 0),
      2,
    );
  } finally {
    await h.close();
  }
});
