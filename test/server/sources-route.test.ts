import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { addFollow, putHealth } from '../../src/store/queries/live.ts';
import { bearer, type Harness, harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await harness({ now: () => new Date('2026-12-04T12:00:00Z') });
  await addFollow(h.store.db, {
    key: 'twitter:omar',
    platform: 'twitter',
    target: 'omar',
    personId: 'p-000000000abc',
    auto: true,
    addedAt: '2026-12-04T10:00:00Z',
    addedBy: 'watchlist',
  });
  await putHealth(h.store.db, {
    followKey: 'twitter:omar',
    state: 'auth_needed',
    lastError: 'twitter: set VIGIL_X_BEARER_TOKEN',
    failures: 1,
    updatedAt: '2026-12-04T11:00:00Z',
  });
});
after(() => h.close());

it('GET /api/sources: health per platform and follow, without the names of the people, and never unauthenticated', async () => {
  assert.equal((await h.app.inject({ url: '/api/sources' })).statusCode, 401);
  const r = await h.app.inject({ url: '/api/sources', headers: bearer(h.tokens.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.platforms[0].platform, 'twitter');
  assert.equal(body.platforms[0].state, 'auth_needed');
  assert.equal(body.follows[0].key, 'twitter:omar');
  assert.equal(body.follows[0].personId, 'p-000000000abc');
  assert.equal(body.follows[0].person, undefined);
  assert.match(body.follows[0].lastError, /VIGIL_X_BEARER_TOKEN/);
});
