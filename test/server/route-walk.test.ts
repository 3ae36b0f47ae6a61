import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type RegisteredRoute, registeredRoutes } from '../../src/server/auth/route-access.ts';
import { addPerson } from '../../src/watch/watchlist.ts';
import { bearer, type Harness, harness, jsonl, minimal } from './harness.ts';

// Every registered route (collected by the server's onRoute hook, so a new route is walked without
// editing this test), called over a real socket so the URL reaches the router byte for byte.

interface Answer {
  status: number;
  type: string;
  body: string;
}

let h: Harness;
let web: string;
let base: { host: string; port: number };
let routes: RegisteredRoute[];
const values: Record<string, string> = {};

/** One raw HTTP request; an event stream is cut after its headers. */
function call(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method);
    const req = request(
      {
        ...base,
        method,
        path,
        headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        const chunks: Buffer[] = [];
        if (type.includes('text/event-stream')) {
          res.destroy();
          return resolve({ status: res.statusCode ?? 0, type, body: '' });
        }
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(hasBody ? '{}' : undefined);
  });
}

/** The route's URL with its parameters filled with real ids from the store. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x').replace('*', 'index.css');
}

const enc = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Fixed spellings of one path: each is the same route to a lenient reader, or none at all. */
function spellings(path: string): string[] {
  const [p, q] = path.split('?');
  const qs = q ? `?${q}` : '';
  const rest = p.slice('/api'.length);
  const seg = rest.split('/').filter(Boolean);
  const tail = seg.length ? `/${seg.join('/')}` : '';
  const letterEncoded = seg.length
    ? `/${seg[0].replace(/[a-z]/, enc)}${seg
        .slice(1)
        .map((s) => `/${s}`)
        .join('')}`
    : '';
  return [
    `/%61pi${rest}`,
    `/ap%69${rest}`,
    `/%61%70%69${rest}`,
    `/%41PI${rest}`,
    `/api${letterEncoded}`,
    `/%2561pi${rest}`,
    `/%25%36%31pi${rest}`,
    `/API${rest.toUpperCase()}`,
    `/Api${rest}`,
    `/aPi${rest}`,
    `//api${rest}`,
    `/api/${tail}`,
    `///api${rest}`,
    `/api/.${tail}`,
    `/./api${rest}`,
    `/x/../api${rest}`,
    `/api/x/..${tail}`,
    `/api/%2e${tail}`,
    `/api/x/%2e%2e${tail}`,
    `/api;x=1${rest}`,
    `/api${rest};x=1`,
    `/api${rest}/`,
    `/api${rest}//`,
    `/api%2f${tail.slice(1)}`,
    `/api%2F${tail.slice(1)}`,
    `/api%5c${tail.slice(1)}`,
    `/%2fapi${rest}`,
    `/api%00${rest}`,
    `/api${rest}%20`,
  ].map((s) => s + qs);
}

/** Random spellings: each character kept, escaped, double-escaped or case-flipped; slashes, dots and ; added. */
const spelled = (path: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('keep', 'keep', 'enc', 'enc2', 'case'), {
        minLength: path.length,
        maxLength: path.length,
      }),
      fc.constantFrom('', '/', '//', ';a', '/.'),
      fc.constantFrom('', '/', '//', '/./', '/x/../'),
    )
    .map(([how, suffix, prefix]) => {
      const [p, q] = path.split('?');
      const body = [...p]
        .map((c, i) => {
          if (c === '/' || !/[a-z]/i.test(c)) return c;
          if (how[i] === 'enc') return enc(c);
          if (how[i] === 'enc2') return `%25${c.charCodeAt(0).toString(16)}`;
          if (how[i] === 'case') return c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
          return c;
        })
        .join('');
      return `${prefix === '' ? '' : prefix.slice(0, -1)}${body}${suffix}${q ? `?${q}` : ''}`;
    });

const QUERY: Record<string, string> = { '/api/search': '?text=aleppo', '/api/export/messages.jsonl': '?text=aleppo' };
const pathOf = (r: RegisteredRoute) => concrete(r.url) + (QUERY[r.url] ?? '');

function denied(a: Answer, what: string) {
  assert.ok(
    [401, 403, 404].includes(a.status),
    `${what}: expected 401, 403 or 404, got ${a.status} ${a.body.slice(0, 200)}`,
  );
  assert.doesNotMatch(a.body, /aleppo|Salma|salma_aleppo/i, `${what}: a refusal carried data`);
}

before(async () => {
  web = mkdtempSync(join(tmpdir(), 'vigil-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Vigil</title><div id="root"></div>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("shell")');
  h = await harness({ server: { webRoot: web } });
  const ingest = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    headers: { ...bearer(h.tokens.analyst), 'content-type': 'application/x-ndjson' },
    payload: jsonl(minimal('1', 'Shelling in Aleppo tonight, Salma is safe')),
  });
  assert.equal(ingest.statusCode, 200, ingest.body);
  const found = await h.app.inject({ url: '/api/search?text=aleppo', headers: bearer(h.tokens.viewer) });
  const hit = found.json().hits[0];
  values.id = hit.id;
  const message = await h.app.inject({ url: `/api/messages/${hit.id}`, headers: bearer(h.tokens.viewer) });
  values.sha256 = JSON.stringify(message.json()).match(/[0-9a-f]{64}/)?.[0] ?? '0'.repeat(64);
  values.username = 'viewer';
  const person = await addPerson(
    h.store,
    { name: 'Salma', accounts: [{ platform: 'twitter', handle: 'salma_aleppo' }] },
    'test',
    '2016-12-10T00:00:00Z',
  );
  values.personId = person.id;
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  base = { host: '127.0.0.1', port: (h.app.server.address() as AddressInfo).port };
  routes = registeredRoutes(h.app);
});

after(async () => {
  await h.close();
  rmSync(web, { recursive: true, force: true });
});

/** People routes take a person id, the token route a token id that does not exist (so a walk revokes nothing). */
function fill(r: RegisteredRoute): string {
  if (r.url.startsWith('/api/people/:id')) return pathOf(r).replace(values.id, values.personId);
  if (r.url.startsWith('/api/tokens/:id')) return pathOf(r).replace(values.id, 'tok-0000000000000000');
  return pathOf(r);
}

describe('every registered route, however its URL is spelled', () => {
  it('walks all the routes the server registered, including plugin routes and the dashboard shell', () => {
    assert.ok(routes.length >= 50, `only ${routes.length} routes collected`);
    for (const url of ['/api/people', '/api/stream', '/api/search', '/api/docs/json', '/api/users'])
      assert.ok(
        routes.some((r) => r.url === url),
        `${url} missing`,
      );
    assert.ok(routes.some((r) => r.shell && r.url === '/assets/app.js'));
  });

  it('with the right role, the plain URL of every route is served (so the refusals below are real)', async () => {
    for (const r of routes) {
      // Setup is closed once a user exists; logout and token deletion would end the walk's own credentials.
      if (r.method === 'DELETE' || r.url === '/api/logout' || r.url === '/api/setup') continue;
      const a = await call(r.method, fill(r), r.access === 'public' ? {} : bearer(h.tokens.admin));
      assert.ok(![401, 403].includes(a.status), `${r.method} ${r.url} refused an admin: ${a.status} ${a.body}`);
      assert.ok(a.status < 500, `${r.method} ${r.url}: ${a.status} ${a.body}`);
    }
  });

  it('anonymously, no spelling of a non-public route answers with data or a 5xx', async () => {
    let n = 0;
    for (const r of routes.filter((x) => x.access !== 'public' && x.url.startsWith('/api'))) {
      for (const path of [fill(r), ...spellings(fill(r))]) {
        denied(await call(r.method, path), `anonymous ${r.method} ${path}`);
        n++;
      }
    }
    assert.ok(n > 1000, `only ${n} requests`);
  });

  it('with a viewer token, no spelling of an analyst or admin route answers with data or a 5xx', async () => {
    for (const r of routes.filter((x) => x.access === 'analyst' || x.access === 'admin')) {
      for (const path of [fill(r), ...spellings(fill(r))])
        denied(await call(r.method, path, bearer(h.tokens.viewer)), `viewer ${r.method} ${path}`);
    }
  });

  it('with a viewer token, no spelling of a viewer route answers 5xx', async () => {
    for (const r of routes.filter((x) => x.access === 'viewer' && x.method !== 'DELETE' && x.url !== '/api/logout')) {
      for (const path of spellings(fill(r))) {
        const a = await call(r.method, path, bearer(h.tokens.viewer));
        assert.ok(a.status < 500, `viewer ${r.method} ${path}: ${a.status} ${a.body.slice(0, 200)}`);
      }
    }
  });

  it('generated spellings (fast-check) of every non-public route are refused to anonymous callers', async () => {
    const guarded = routes.filter((x) => x.access !== 'public' && x.url.startsWith('/api'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...guarded).chain((r) => fc.tuple(fc.constant(r), spelled(fill(r)))),
        async ([r, path]) => {
          denied(await call(r.method, path), `anonymous ${r.method} ${path}`);
        },
      ),
      { numRuns: 400, seed: 20161213 },
    );
  });

  it('the live stream is refused under every spelling, even when asked to replay from seq 0', async () => {
    for (const path of ['/api/stream', ...spellings('/api/stream')]) {
      const a = await call('GET', path, { 'last-event-id': '0', accept: 'text/event-stream' });
      assert.doesNotMatch(a.type, /event-stream/, `${path} opened a stream`);
      denied(a, `stream ${path}`);
    }
  });

  it('an unknown path answers 401 to an anonymous caller and 404 to a signed-in one; page paths get the shell', async () => {
    assert.equal((await call('GET', '/api/no-such-route')).status, 401);
    assert.equal((await call('GET', '/api/no-such-route', bearer(h.tokens.viewer))).status, 404);
    assert.equal((await call('POST', '/no-such-page')).status, 401);
    const shell = await call('GET', '/some/page');
    assert.equal(shell.status, 200);
    assert.match(shell.body, /<title>Vigil<\/title>/);
    assert.equal((await call('GET', '/assets/app.js')).status, 200);
    assert.equal((await call('GET', '/api/health')).status, 200);
  });
});

describe('routes must declare their access', () => {
  it('a route without an access declaration makes the server refuse to start', async () => {
    const x = await harness();
    try {
      x.app.get('/api/undeclared', async () => ({ secret: true }));
      await assert.rejects(async () => x.app.ready(), /GET \/api\/undeclared declares no access/);
    } finally {
      await x.close().catch(() => {});
    }
  });

  it('a public route that is not in the public list makes the server refuse to start', async () => {
    const x = await harness();
    try {
      x.app.get('/api/open', { config: { access: 'public' } }, async () => ({ secret: true }));
      await assert.rejects(async () => x.app.ready(), /GET \/api\/open is public but not in PUBLIC_ROUTES/);
    } finally {
      await x.close().catch(() => {});
    }
  });
});
