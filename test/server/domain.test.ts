import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ALERT_RAISED, type Alert } from '../../src/core/alert.ts';
import { recordDelivery } from '../../src/store/queries/alerts.ts';
import { listAudit } from '../../src/store/queries/audit.ts';
import { addPerson } from '../../src/watch/watchlist.ts';
import { bearer, type Harness, harness, jsonl, login, PASSWORDS } from './harness.ts';

let h: Harness;
let personId: string;
const NOW = new Date('2016-12-14T12:00:00Z');

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
    postedAt: new Date(Date.parse('2016-12-12T06:00:00Z') + i * 3 * 3600_000).toISOString().replace('.000Z', '+00:00'),
    text:
      i === 11
        ? 'We are under heavy shelling, pray for us. Goodbye, forgive us.'
        : `update ${i}: still here in Sukkari`,
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

test('the watchlist board shows state, rhythm and sparkline, and every read is audited', async () => {
  const r = await h.app.inject({ url: '/api/people', headers: bearer(h.tokens.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  const board = r.json();
  assert.equal(board.rows.length, 1);
  const row = board.rows[0];
  assert.equal(row.personId, personId);
  assert.equal(row.nameAr, 'سلمى');
  assert.equal(row.posts, 12);
  assert.equal(row.sparkline.length, 14);
  assert.equal(
    row.sparkline.reduce((a: number, b: number) => a + b, 0),
    12,
  );
  assert.ok(['farewell', 'silent', 'quiet'].includes(row.state), row.state);
  const one = await h.app.inject({ url: `/api/people/${personId}`, headers: bearer(h.tokens.viewer) });
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().person.name, 'Salma');
  const reads = await listAudit(h.store.db, { kind: 'audit.person_viewed' });
  assert.equal(reads.length, 2);
  assert.ok(reads.every((e) => e.actor === 'viewer'));
  assert.deepEqual(reads[0].payload, { personId });
  assert.equal(
    (await h.app.inject({ url: '/api/people/p-000000000000', headers: bearer(h.tokens.viewer) })).statusCode,
    404,
  );
});

test('analysts add notes with a PFIF status; viewers cannot', async () => {
  const body = { status: 'believed_alive', text: 'Her brother spoke to her by phone at noon.' };
  const denied = await h.app.inject({
    method: 'POST',
    url: `/api/people/${personId}/notes`,
    payload: body,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(denied.statusCode, 403);
  const bad = await h.app.inject({
    method: 'POST',
    url: `/api/people/${personId}/notes`,
    payload: { status: 'fine', text: 'x' },
    headers: bearer(h.tokens.analyst),
  });
  assert.equal(bad.statusCode, 400);
  const s = await login(h.app, 'analyst', PASSWORDS.analyst);
  const ok = await h.app.inject({
    method: 'POST',
    url: `/api/people/${personId}/notes`,
    payload: body,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().author, 'analyst');
  const view = (await h.app.inject({ url: `/api/people/${personId}`, headers: bearer(h.tokens.viewer) })).json();
  assert.equal(view.notes.at(-1).status, 'believed_alive');
  assert.equal(view.status.pfifStatus, 'believed_alive');
});

test('alerts list open ones and an analyst acknowledges them through the ledger', async () => {
  const alert: Alert = {
    id: 'a-0123456789abcdef',
    key: 'person.silent:test',
    kind: 'person.silent',
    subject: personId,
    personId,
    at: '2016-12-14T10:00:00Z',
    title: 'Salma has gone silent',
    reason: 'no posts for 20 h; usually every 3 h',
    evidence: {
      lastPostAt: '2016-12-13T15:00:00Z',
      usualGapMs: 3 * 3600_000,
      currentGapMs: 20 * 3600_000,
      pGap: 0.001,
    },
    links: [],
  };
  await h.store.append([{ kind: ALERT_RAISED, at: alert.at, actor: 'system', payload: { alert } }]);
  const hook = 'https://desk.example/hooks/T0K3N?key=secret';
  const tries = (at: string, ...codes: number[]) =>
    codes.map((status, i) => ({ at: `${at}:0${i}.000Z`, ok: status === 200, status }));
  await recordDelivery(h.store.db, {
    alertId: alert.id,
    channel: 'webhook',
    target: hook,
    ok: false,
    attempts: tries('2016-12-14T10:00', 503, 503),
  });
  await recordDelivery(h.store.db, {
    alertId: alert.id,
    channel: 'webhook',
    target: hook,
    ok: true,
    attempts: tries('2016-12-14T10:05', 200),
  });
  await recordDelivery(h.store.db, {
    alertId: alert.id,
    channel: 'email',
    target: 'desk@example.org',
    ok: false,
    attempts: [{ at: '2016-12-14T10:00:01.000Z', ok: false, error: 'connect ECONNREFUSED' }],
  });
  const open = await h.app.inject({ url: '/api/alerts?state=open', headers: bearer(h.tokens.viewer) });
  assert.equal(open.json().length, 1);
  assert.equal(open.json()[0].alert.reason, alert.reason);
  assert.deepEqual(open.json()[0].deliveries, [
    {
      channel: 'webhook',
      target: 'https://desk.example',
      ok: true,
      tries: 3,
      lastAt: '2016-12-14T10:05:00.000Z',
      lastStatus: 200,
    },
    {
      channel: 'email',
      target: 'desk@example.org',
      ok: false,
      tries: 1,
      lastAt: '2016-12-14T10:00:01.000Z',
      lastError: 'connect ECONNREFUSED',
    },
  ]);
  assert.ok(!open.body.includes('T0K3N'), 'the webhook token is not shown');
  assert.equal(
    (await h.app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: bearer(h.tokens.viewer) }))
      .statusCode,
    403,
  );
  const ack = await h.app.inject({
    method: 'POST',
    url: `/api/alerts/${alert.id}/ack`,
    payload: { comment: 'called the family' },
    headers: bearer(h.tokens.analyst),
  });
  assert.equal(ack.statusCode, 200, ack.body);
  assert.equal(ack.json().acknowledged.by, 'analyst');
  assert.equal(
    (await h.app.inject({ url: '/api/alerts?state=open', headers: bearer(h.tokens.viewer) })).json().length,
    0,
  );
  assert.equal(
    (await h.app.inject({ url: '/api/alerts?state=acknowledged', headers: bearer(h.tokens.viewer) })).json().length,
    1,
  );
  const again = await h.app.inject({
    method: 'POST',
    url: `/api/alerts/${alert.id}/ack`,
    payload: {},
    headers: bearer(h.tokens.analyst),
  });
  assert.equal(again.statusCode, 409);
});

test('a person’s label outranks the model and is shown with who confirmed it', async () => {
  const hit = (await h.app.inject({ url: '/api/search?text=forgive', headers: bearer(h.tokens.viewer) })).json()
    .hits[0];
  assert.ok(hit, 'the farewell is searchable');
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/labels',
    payload: { messageId: hit.id, category: 'farewell' },
    headers: bearer(h.tokens.analyst),
  });
  assert.equal(r.statusCode, 201, r.body);
  const d = (await h.app.inject({ url: `/api/messages/${hit.id}`, headers: bearer(h.tokens.viewer) })).json();
  assert.equal(d.analysis.category, 'farewell');
  assert.equal(d.analysis.source, 'person');
  assert.equal(d.analysis.confirmedBy, 'analyst');
  const listed = (await h.app.inject({ url: '/api/search?text=forgive', headers: bearer(h.tokens.viewer) })).json()
    .hits[0];
  assert.equal(listed.category, 'farewell');
  assert.equal(listed.categorySource, 'person');
  const bad = await h.app.inject({
    method: 'POST',
    url: '/api/labels',
    payload: { messageId: hit.id, category: 'nonsense' },
    headers: bearer(h.tokens.analyst),
  });
  assert.equal(bad.statusCode, 400);
});

test('near-duplicates and analysis come with the message', async () => {
  const copy = {
    platform: 'telegram',
    id: 'c1',
    author: 'relay',
    postedAt: '2016-12-14T09:00:00+02:00',
    text: 'update 3: still here in Sukkari!!',
  };
  await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(copy),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  const hits = (
    await h.app.inject({ url: '/api/search?text=Sukkari&platform=twitter&limit=50', headers: bearer(h.tokens.viewer) })
  ).json().hits;
  const original = hits.find((x: { text: string }) => x.text === 'update 3: still here in Sukkari');
  const d = (await h.app.inject({ url: `/api/messages/${original.id}`, headers: bearer(h.tokens.viewer) })).json();
  assert.ok(
    d.nearDuplicates.some((n: { text: string }) => n.text === copy.text),
    JSON.stringify(d.nearDuplicates),
  );
  assert.ok(d.analysis, 'ingest ran triage');
  assert.ok(typeof d.analysis.confidence === 'number');
});

test('the PFIF export is for analysts and is an audit event', async () => {
  assert.equal(
    (await h.app.inject({ url: '/api/export/people.pfif.xml', headers: bearer(h.tokens.viewer) })).statusCode,
    403,
  );
  const r = await h.app.inject({ url: '/api/export/people.pfif.xml', headers: bearer(h.tokens.analyst) });
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /zesty\.ca\/pfif\/1\.4/);
  assert.match(r.body, /Salma/);
  const exports = await listAudit(h.store.db, { kind: 'audit.export' });
  assert.deepEqual(exports[0].payload, { what: 'people', format: 'pfif-1.4', count: 1 });
  assert.equal(exports[0].actor, 'analyst');
});
