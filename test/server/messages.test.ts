import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { listAudit } from '../../src/store/queries/audit.ts';
import { bearer, type Harness, harness, jsonl, minimal } from './harness.ts';

let h: Harness;
const NDJSON = { 'content-type': 'application/x-ndjson' };

before(async () => {
  h = await harness();
  const body = jsonl(
    minimal('1', 'نداء عاجل: عائلة محاصرة تحت الأنقاض في حي الشعار', { lang: 'ar' }),
    minimal('2', 'Shelling on Bustan al-Qasr, children trapped under rubble', { lang: 'en' }),
    minimal('3', 'استشهاد ٣٠ مدنياً بينهم ٧ أطفال', { lang: 'ar' }),
  );
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: body,
    headers: { ...NDJSON, ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.statusCode, 200, r.body);
});
after(() => h.close());

test('ingest reports what it added and rejects bad lines with a reason', async () => {
  const body = `${JSON.stringify(minimal('4', 'fourth'))}\n{"platform":"twitter"}\nnot json\n`;
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: body,
    headers: { ...NDJSON, ...bearer(h.tokens.analyst) },
  });
  const s = r.json();
  assert.equal(s.new, 1);
  assert.equal(s.rejected, 2);
  assert.ok(s.rejections.every((x: { reason: string }) => x.reason.length > 0));
  const again = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: body,
    headers: { ...NDJSON, ...bearer(h.tokens.analyst) },
  });
  assert.equal(again.json().new, 0);
  assert.equal(again.json().unchanged, 1);
});

test('search in Arabic finds normalized forms and marks the match', async () => {
  const r = await h.app.inject({
    url: `/api/search?text=${encodeURIComponent('الانقاض')}`,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(r.statusCode, 200);
  const { hits } = r.json();
  assert.equal(hits.length, 1);
  assert.match(hits[0].snippet, /\[\[.+\]\]/);
  const digits = await h.app.inject({ url: `/api/search?q=30&lang=ar`, headers: bearer(h.tokens.viewer) });
  assert.equal(digits.json().hits.length, 1);
  const filtered = await h.app.inject({ url: '/api/search?lang=en', headers: bearer(h.tokens.viewer) });
  assert.ok(filtered.json().hits.every((x: { lang: string }) => x.lang === 'en'));
  const bad = await h.app.inject({ url: '/api/search?limit=abc', headers: bearer(h.tokens.viewer) });
  assert.equal(bad.statusCode, 400);
});

async function firstId(text: string): Promise<string> {
  const r = await h.app.inject({
    url: `/api/search?text=${encodeURIComponent(text)}`,
    headers: bearer(h.tokens.viewer),
  });
  return r.json().hits[0].id;
}

test('a message comes with its provenance: blob, hashes, ledger position', async () => {
  const id = await firstId('Shelling');
  const r = await h.app.inject({ url: `/api/messages/${id.slice(0, 12)}`, headers: bearer(h.tokens.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  const { message, provenance } = r.json();
  assert.equal(message.id, id);
  assert.equal(provenance.identityHash, id);
  assert.match(provenance.blob.sha256, /^[0-9a-f]{64}$/);
  assert.equal(provenance.ledger.kind, 'message.captured');
  assert.equal(provenance.ledger.seq, message.seq);
  assert.equal(
    (await h.app.inject({ url: '/api/messages/ffffffffffff', headers: bearer(h.tokens.viewer) })).statusCode,
    404,
  );
  assert.equal((await h.app.inject({ url: '/api/messages/zz', headers: bearer(h.tokens.viewer) })).statusCode, 400);
});

test('verify re-checks the hashes on the server and catches a changed blob', async () => {
  // Its own ingest request, so its own original blob (the chunk of JSONL it came in).
  const body = jsonl(minimal('9', 'Hospital generator hit, night shift evacuated'));
  await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: body,
    headers: { ...NDJSON, ...bearer(h.tokens.analyst) },
  });
  const id = await firstId('generator');
  const ok = await h.app.inject({
    method: 'POST',
    url: `/api/messages/${id}/verify`,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().ok, true, ok.body);
  assert.ok(ok.json().checks.length >= 7);
  const { provenance } = (await h.app.inject({ url: `/api/messages/${id}`, headers: bearer(h.tokens.viewer) })).json();
  const path = h.blobs.pathFor(provenance.blob.sha256);
  chmodSync(path, 0o644);
  writeFileSync(path, 'tampered');
  const bad = await h.app.inject({
    method: 'POST',
    url: `/api/messages/${id}/verify`,
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(bad.json().ok, false);
  const failed = bad.json().checks.filter((c: { ok: boolean }) => !c.ok);
  assert.deepEqual(
    failed.map((c: { name: string }) => c.name),
    ['original blob'],
  );
  const view = await h.app.inject({ url: `/api/blobs/${provenance.blob.sha256}`, headers: bearer(h.tokens.viewer) });
  assert.equal(view.statusCode, 409);
  assert.match(view.json().message, /corrupt/);
});

test('viewing a sealed original and exporting are audit events an admin can list', async () => {
  const id = await firstId('الانقاض');
  const { provenance } = (await h.app.inject({ url: `/api/messages/${id}`, headers: bearer(h.tokens.viewer) })).json();
  const blob = await h.app.inject({ url: `/api/blobs/${provenance.blob.sha256}`, headers: bearer(h.tokens.viewer) });
  assert.equal(blob.statusCode, 200);
  assert.equal(blob.headers['content-type'], 'application/octet-stream');
  assert.match(String(blob.headers['content-security-policy']), /sandbox/);
  assert.match(blob.body, /الأنقاض/);
  await h.app.inject({ url: `/api/blobs/${provenance.blob.sha256}?download=1`, headers: bearer(h.tokens.viewer) });
  const views = await listAudit(h.store.db, { kind: 'audit.original_viewed', actor: 'viewer' });
  assert.equal(
    views.filter((v) => (v.payload as { sha256: string }).sha256 === provenance.blob.sha256).length,
    2,
    'every view',
  );
  const viewerExport = await h.app.inject({
    url: '/api/export/messages.jsonl?lang=ar',
    headers: bearer(h.tokens.viewer),
  });
  assert.equal(viewerExport.statusCode, 403);
  const exp = await h.app.inject({ url: '/api/export/messages.jsonl?lang=ar', headers: bearer(h.tokens.analyst) });
  assert.equal(exp.statusCode, 200);
  assert.equal(exp.body.trim().split('\n').length, 2);
  const log = await h.app.inject({ url: '/api/audit', headers: bearer(h.tokens.admin) });
  const entries = log.json() as { kind: string; actor: string; payload: Record<string, unknown> }[];
  assert.ok(
    entries.some(
      (e) => e.kind === 'audit.original_viewed' && e.actor === 'viewer' && e.payload.sha256 === provenance.blob.sha256,
    ),
  );
  assert.ok(entries.some((e) => e.kind === 'audit.export' && e.actor === 'analyst' && e.payload.count === 2));
  const direct = await listAudit(h.store.db, { kind: 'audit.export' });
  assert.equal(direct.length, 1);
});

test('a sealed original stored gzipped streams back byte for byte, hash-checked', async () => {
  // Forty posts in one request: a JSONL original over 4 KiB, which the folder store keeps gzipped.
  const posts = Array.from({ length: 40 }, (_, i) =>
    minimal(String(500 + i), `Shelling on al-Kallaseh bakery queue, report ${i}, ${'details '.repeat(12)}`),
  );
  const body = jsonl(...posts);
  await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: body,
    headers: { ...NDJSON, ...bearer(h.tokens.analyst) },
  });
  const id = await firstId('bakery');
  const { provenance } = (await h.app.inject({ url: `/api/messages/${id}`, headers: bearer(h.tokens.viewer) })).json();
  const sha = provenance.blob.sha256 as string;
  assert.match(h.blobs.pathFor(sha), /\.gz$/, 'kept gzipped on disk');
  const got = await h.app.inject({ url: `/api/blobs/${sha}`, headers: bearer(h.tokens.viewer) });
  assert.equal(got.statusCode, 200);
  assert.equal(createHash('sha256').update(got.rawPayload).digest('hex'), sha);
  assert.equal(got.rawPayload.toString('utf8'), body);
});

test('stats count messages per hour', async () => {
  const r = await h.app.inject({ url: '/api/stats?hours=48', headers: bearer(h.tokens.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  const s = r.json();
  assert.ok(s.messages >= 4);
  assert.ok(s.perHour.hours.length >= 1 && s.perHour.hours.length <= 48);
  assert.equal(s.perHour.hours.length, s.perHour.series.all.length);
  assert.equal(
    s.perHour.series.all.reduce((a: number, b: number) => a + b, 0),
    s.messages,
  );
});
