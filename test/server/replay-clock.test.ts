import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ALERT_RAISED, type Alert } from '../../src/core/alert.ts';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { addPerson, boardAt } from '../../src/watch/watchlist.ts';
import { bearer, type Harness, harness, jsonl } from './harness.ts';

/** Ten years after the posts: with the replay clock off, every source stopping is a silence, not a banner. */
const NOW = new Date('2026-12-14T12:00:00Z');
const H = 3_600_000;
const FIRST = Date.parse('2016-12-12T06:00:00Z');
const LAST_POST = new Date(FIRST + 11 * 3 * H).toISOString();

let h: Harness;
let personId: string;

before(async () => {
  h = await harness({ now: () => NOW });
  const p = await addPerson(
    h.store,
    { name: 'Salma', nameAr: 'سلمى', accounts: [{ platform: 'twitter', handle: 'salma_aleppo' }] },
    'test',
    '2016-12-10T00:00:00Z',
  );
  personId = p.id;
  const posts = Array.from({ length: 12 }, (_, i) => ({
    platform: 'twitter',
    id: `s${i}`,
    author: { id: 'salma-id', handle: 'salma_aleppo' },
    postedAt: new Date(FIRST + i * 3 * H).toISOString(),
    text: `update ${i}: still here in Sukkari`,
  }));
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(...posts),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.json().new, 12, r.body);
});
after(() => h.close());

const people = async (query = '') => h.app.inject({ url: `/api/people${query}`, headers: bearer(h.tokens.viewer) });

test('off by default: the board is judged at now, says no replay, and the old posts read as a silence', async () => {
  const setting = await h.app.inject({ url: '/api/settings/replay-clock', headers: bearer(h.tokens.viewer) });
  assert.equal(setting.statusCode, 200);
  assert.deepEqual(setting.json(), { clock: { mode: 'off' } });
  const board = (await people()).json();
  assert.equal(board.at, NOW.toISOString());
  assert.equal(board.replay, null);
  assert.equal(board.rows[0].state, 'silent');
  assert.equal(board.rows[0].explanation.kind, 'silent');
  assert.equal(board.rows[0].explanation.rhythm.lastPostAt, LAST_POST);
  assert.equal(board.rows[0].explanation.rhythm.currentGapMs, NOW.getTime() - Date.parse(LAST_POST));
  assert.match(board.rows[0].reason, /^silent: last post/);
});

test('only an admin sets it; then the board and each person are a replay at that instant', async () => {
  const body = { mode: 'at', at: '2016-12-13T18:00:00+02:00' };
  const put = (token: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'PUT', url: '/api/settings/replay-clock', payload, headers: bearer(token) });
  assert.equal((await put(h.tokens.analyst, body)).statusCode, 403);
  assert.equal((await put(h.tokens.admin, { mode: 'at', at: 'last tuesday' })).statusCode, 400);
  assert.equal((await put(h.tokens.admin, { mode: 'sometimes' })).statusCode, 400);
  const ok = await put(h.tokens.admin, body);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), {
    clock: { mode: 'at', at: '2016-12-13T16:00:00.000Z' },
    updatedAt: NOW.toISOString(),
    updatedBy: 'admin',
  });

  const board = (await people()).json();
  assert.equal(board.at, '2016-12-13T16:00:00.000Z');
  assert.deepEqual(board.replay, { mode: 'at', at: '2016-12-13T16:00:00.000Z' });
  assert.notEqual(board.rows[0].state, 'silent');
  const one = (await h.app.inject({ url: `/api/people/${personId}`, headers: bearer(h.tokens.viewer) })).json();
  assert.deepEqual(one.replay, board.replay);

  const newest = await put(h.tokens.admin, { mode: 'newest' });
  assert.equal(newest.statusCode, 200);
  assert.deepEqual((await people()).json().replay, { mode: 'newest', at: LAST_POST });

  assert.equal((await put(h.tokens.admin, { mode: 'off' })).statusCode, 200);
  assert.equal((await people()).json().replay, null);
});

test('?at= judges one request at that instant and reports it as a replay; nonsense is refused', async () => {
  const board = (await people('?at=2016-12-12T12:00:00Z')).json();
  assert.deepEqual(board.replay, { mode: 'at', at: '2016-12-12T12:00:00.000Z' });
  assert.equal((await people('?at=yesterday')).statusCode, 400);
});

test('alerts carry their explanation; an alert raised before explanations existed comes back as it was', async () => {
  const old: Alert = {
    id: 'a-0123456789abcdef',
    key: 'person.silent:old',
    kind: 'person.silent',
    subject: personId,
    personId,
    at: '2016-12-14T10:00:00Z',
    title: 'Salma has gone silent',
    reason: 'silent: last post 2016-12-13 15:00 UTC',
    evidence: { lastPostAt: '2016-12-13T15:00:00Z' },
    links: [],
  };
  const fresh = candidateAlerts(await boardAt(h.store, NOW.getTime()));
  assert.equal(fresh.length, 1);
  await h.store.append(
    [old, ...fresh].map((alert) => ({ kind: ALERT_RAISED, at: alert.at, actor: 'system', payload: { alert } })),
  );
  const list = (await h.app.inject({ url: '/api/alerts', headers: bearer(h.tokens.viewer) })).json();
  const byId = new Map(list.map((a: { alert: Alert & { explanation?: unknown } }) => [a.alert.id, a.alert]));
  const stored = byId.get(fresh[0].id) as Alert & { explanation?: { kind: string; person?: { nameAr?: string } } };
  assert.equal(stored.explanation?.kind, 'silent');
  assert.equal(stored.explanation?.person?.nameAr, 'سلمى');
  assert.equal(stored.reason, fresh[0].reason);
  assert.deepEqual(byId.get(old.id), old);
});
