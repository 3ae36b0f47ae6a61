import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bearer, type Harness, harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.close());

const PUBLIC = new Set(['GET /api/health', 'POST /api/login']);

function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name) =>
    name === 'sha256' ? 'a'.repeat(64) : name === 'id' ? 'abcdef123456' : 'someone',
  );
}

test('every route in the OpenAPI document refuses an anonymous request, except health and login', async () => {
  const doc = (
    await h.app.inject({ method: 'GET', url: '/api/openapi.json', headers: bearer(h.tokens.viewer) })
  ).json();
  const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
  );
  assert.ok(operations.length >= 20, `expected the whole API in the document, got ${operations.length} operations`);
  for (const op of ['GET /api/search', 'POST /api/ingest', 'GET /api/stream', 'GET /api/people', 'GET /api/audit']) {
    assert.ok(
      operations.some((o) => `${o.method} ${o.path}` === op),
      `${op} missing from the OpenAPI document`,
    );
  }
  for (const { method, path } of operations) {
    const key = `${method} ${path}`;
    const res = await h.app.inject({
      method: method as 'GET',
      url: concrete(path),
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    });
    if (PUBLIC.has(key)) assert.notEqual(res.statusCode, 401, `${key} must be reachable anonymously`);
    else assert.equal(res.statusCode, 401, `${key} answered ${res.statusCode} to an anonymous request`);
  }
});

test('the OpenAPI document itself, the docs page and unknown API paths need a sign-in too', async () => {
  for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/json', '/api/no-such-route']) {
    assert.equal((await h.app.inject({ method: 'GET', url })).statusCode, 401, url);
  }
  assert.equal(
    (await h.app.inject({ method: 'GET', url: '/api/docs/json', headers: bearer(h.tokens.viewer) })).statusCode,
    200,
  );
});

test('a wrong or revoked bearer token is refused', async () => {
  assert.equal((await h.app.inject({ url: '/api/me', headers: bearer('vgl_not-a-token') })).statusCode, 401);
  assert.equal((await h.app.inject({ url: '/api/me', headers: { authorization: 'Basic abc' } })).statusCode, 401);
});

test('every response carries a CSP without unsafe-inline, nosniff and no framing', async () => {
  const res = await h.app.inject({ url: '/api/health' });
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['x-frame-options'], 'DENY');
});
