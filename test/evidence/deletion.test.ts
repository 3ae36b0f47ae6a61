import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { toSse } from '../../src/server/stream/sse-events.ts';
import { payloadText } from '../../src/store/ledger-codec/ledger-codec.ts';
import { listAudit } from '../../src/store/queries/audit.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { bearer, type Harness, harness, jsonl, minimal } from '../server/harness.ts';
import { verifyPy, vigil } from './bag-helpers.ts';

describe('author deletion marked by an analyst: the dashboard and the API', () => {
  let h: Harness;
  let id = '';
  before(async () => {
    h = await harness();
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      payload: jsonl(minimal('1', 'shelling near the bakery'), minimal('2', 'shelling near the school')),
      headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
    });
    assert.equal(r.statusCode, 200, r.body);
    id = (await h.store.search({ text: 'school' }))[0].id;
    const mark = (token: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/messages/${id}/deletion`,
        payload: { reason: 'gone from the platform' },
        headers: bearer(token),
      });
    assert.equal((await mark(h.tokens.viewer)).statusCode, 403);
    const marked = await mark(h.tokens.analyst);
    assert.equal(marked.statusCode, 201, marked.body);
    assert.deepEqual(toSse((await h.store.readLedger(marked.json().seq)[Symbol.asyncIterator]().next()).value), {
      event: 'message_deleted',
      data: { seq: marked.json().seq, id },
    });
  });
  after(() => h.close());

  it('leaves search, the feed and exports', async () => {
    const s = await h.app.inject({ url: '/api/search?text=shelling', headers: bearer(h.tokens.viewer) });
    assert.deepEqual(
      s.json().hits.map((x: { text: string }) => x.text),
      ['shelling near the bakery'],
    );
    const feed = await h.app.inject({ url: '/api/search', headers: bearer(h.tokens.viewer) });
    assert.ok(!feed.json().hits.some((x: { id: string }) => x.id === id));
    const ex = await h.app.inject({ url: '/api/export/messages.jsonl', headers: bearer(h.tokens.analyst) });
    assert.doesNotMatch(ex.body, /school/);
  });

  it('refuses the sealed copy to an analyst; an admin opens it and that is in the audit log', async () => {
    const a = await h.app.inject({ url: `/api/messages/${id}`, headers: bearer(h.tokens.analyst) });
    assert.equal(a.statusCode, 404);
    const before = (await listAudit(h.store.db, { kind: 'audit.original_viewed' })).length;
    const b = await h.app.inject({ url: `/api/messages/${id}`, headers: bearer(h.tokens.admin) });
    assert.equal(b.statusCode, 200);
    assert.equal(b.json().message.text, 'shelling near the school');
    const audit = await listAudit(h.store.db, { kind: 'audit.original_viewed' });
    assert.equal(audit.length, before + 1);
    assert.equal(audit[0].actor, 'admin');
  });

  it('stays hidden after vigil rebuild, and after the post is captured again', async () => {
    await h.store.rebuild();
    assert.equal((await h.store.search({ text: 'school' })).length, 0);
    await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      payload: jsonl(minimal('2', 'shelling near the school (copy seen again)')),
      headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
    });
    assert.equal((await h.store.search({ text: 'school' })).length, 0);
    assert.equal((await h.store.getMessage(id))?.deleted, true);
  });
});

describe('author deletion at the command line', () => {
  const dir = tempDir('vigil-del-');
  const data = join(dir.path, 'data');
  const env = { VIGIL_KEY_DIR: join(dir.path, 'keys') };
  let id = '';
  after(() => dir.remove());
  before(async () => {
    writeFileSync(
      join(dir.path, 'in.jsonl'),
      [
        '{"platform":"twitter","id":"1","author":"lina","postedAt":"2016-12-13T15:02:00+02:00","text":"we are still here","lang":"en"}',
        '{"platform":"twitter","id":"2","author":"lina","postedAt":"2016-12-13T16:02:00+02:00","text":"my address is the blue house","lang":"en"}',
      ].join('\n'),
    );
    assert.equal((await vigil(['import', join(dir.path, 'in.jsonl'), '--data', data], env)).code, 0);
    assert.equal((await vigil(['keys', 'init', '--data', data], env)).code, 0);
    for (const [u, role] of [
      ['ada', 'admin'],
      ['amal', 'analyst'],
    ])
      assert.equal(
        (
          await vigil(
            ['users', 'add', u, '--role', role, '--password-stdin', '--data', data],
            env,
            'a-long-password-1\n',
          )
        ).code,
        0,
      );
    id = JSON.parse((await vigil(['search', 'address', '--data', data, '--json'], env)).stdout)[0].id;
    const d = await vigil(['delete', id, '--reason', 'the author asked', '--as', 'amal', '--data', data], env);
    assert.equal(d.code, 0, d.stderr);
  });

  it('hides the post from search', async () => {
    const r = await vigil(['search', 'address', '--data', data, '--json'], env);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('refuses the sealed copy without an admin, opens it for one, and audits it', async () => {
    const none = await vigil(['show', id, '--data', data], env);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /needs the admin role: add --as <user>/);
    const analyst = await vigil(['show', id, '--as', 'amal', '--data', data], env);
    assert.equal(analyst.code, 2);
    assert.match(analyst.stderr, /amal is analyst: refused/);
    const admin = await vigil(['show', id, '--as', 'ada', '--data', data], env);
    assert.equal(admin.code, 0, admin.stderr);
    assert.match(admin.stdout, /my address is the blue house/);
    const db = new Database(join(data, 'vigil.db'), { readonly: true });
    const rows = db
      .prepare("select actor, payload, payload_z from ledger where kind = 'audit.original_viewed'")
      .all() as { actor: string; payload: string; payload_z: Buffer | null }[];
    db.close();
    assert.equal(rows.length, 1);
    assert.match(rows[0].actor, /^ada \(cli:/);
    assert.equal(JSON.parse(payloadText(rows[0])).message, id);
  });

  it('leaves it out of bags, withholding the original that also holds it', async () => {
    const bag = join(dir.path, 'bag');
    const r = await vigil(['export', '--data', data, '--out', bag, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual([s.messages, s.originals, s.withheld], [1, 0, 1]);
    assert.doesNotMatch(readFileSync(join(bag, 'data/messages.jsonl'), 'utf8'), /blue house/);
    assert.doesNotMatch(readFileSync(join(bag, 'data/ledger.jsonl'), 'utf8'), /blue house/);
    assert.match(readFileSync(join(bag, 'bag-info.txt'), 'utf8'), /Vigil-Deleted-Messages: left out; 1 original/);
    assert.equal((await verifyPy(bag)).code, 0);
    const byId = await vigil(['export', '--id', id, '--data', data, '--out', join(dir.path, 'bag-id')], env);
    assert.equal(byId.code, 2);
    assert.match(byId.stderr, /deleted by its author/);
  });

  it('--include-deleted needs an admin and says so in bag-info.txt', async () => {
    const out = join(dir.path, 'bag-all');
    const none = await vigil(['export', '--include-deleted', '--data', data, '--out', out], env);
    assert.equal(none.code, 2);
    const analyst = await vigil(['export', '--include-deleted', '--as', 'amal', '--data', data, '--out', out], env);
    assert.equal(analyst.code, 2);
    const admin = await vigil(
      ['export', '--include-deleted', '--as', 'ada', '--data', data, '--out', out, '--json'],
      env,
    );
    assert.equal(admin.code, 0, admin.stderr);
    assert.equal(JSON.parse(admin.stdout).messages, 2);
    assert.match(
      readFileSync(join(out, 'bag-info.txt'), 'utf8'),
      /Vigil-Deleted-Messages: INCLUDED: .* exported by an admin \(ada/,
    );
    assert.match(readFileSync(join(out, 'data/messages.jsonl'), 'utf8'), /blue house/);
    assert.equal((await verifyPy(out)).code, 0);
  });
});
