import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUser } from '../../src/server/auth/accounts.ts';
import { listAudit } from '../../src/store/queries/audit.ts';
import { bearer, harness, login, PASSWORDS } from './harness.ts';

test('login sets an HttpOnly SameSite=Strict session cookie and returns a CSRF token', async () => {
  const h = await harness();
  try {
    const s = await login(h.app, 'analyst', PASSWORDS.analyst);
    const set = String(s.setCookie);
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Strict/);
    assert.ok(s.csrf.length >= 20);
    const me = await h.app.inject({ url: '/api/me', headers: { cookie: s.cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(
      { ...(me.json() as object), csrf: undefined },
      { username: 'analyst', role: 'analyst', via: 'session', csrf: undefined },
    );
    const events = await listAudit(h.store.db, { kind: 'auth.login' });
    assert.equal(events[0].actor, 'analyst');
  } finally {
    await h.close();
  }
});

test('wrong passwords and unknown users get the same 401', async () => {
  const h = await harness();
  try {
    const a = await h.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'analyst', password: 'wrong-password' },
    });
    const b = await h.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'nobody', password: 'wrong-password' },
    });
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal(a.json().message, b.json().message);
    assert.equal(a.cookies.length, 0);
  } finally {
    await h.close();
  }
});

test('cookie-authenticated mutations need the CSRF header; bearer tokens do not', async () => {
  const h = await harness();
  try {
    const s = await login(h.app, 'analyst', PASSWORDS.analyst);
    const body = {
      payload: '{"platform":"twitter","id":"1","author":"a","postedAt":"2016-12-13T10:00:00+02:00","text":"x"}\n',
      headers: { 'content-type': 'application/x-ndjson' },
    };
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      ...body,
      headers: { ...body.headers, cookie: s.cookie },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().error, 'csrf');
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      ...body,
      headers: {
        ...body.headers,
        cookie: s.cookie,
        'x-csrf-token': `${s.csrf.slice(0, -1)}${s.csrf.endsWith('x') ? 'y' : 'x'}`,
      },
    });
    assert.equal(wrong.statusCode, 403);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      ...body,
      headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const token = await h.app.inject({
      method: 'POST',
      url: '/api/ingest',
      ...body,
      headers: { ...body.headers, ...bearer(h.tokens.analyst) },
    });
    assert.equal(token.statusCode, 200);
    // GET with a cookie needs no CSRF token.
    assert.equal((await h.app.inject({ url: '/api/search', headers: { cookie: s.cookie } })).statusCode, 200);
  } finally {
    await h.close();
  }
});

test('roles: viewers read, analysts ingest, only admins see users and the audit log', async () => {
  const h = await harness();
  try {
    const ingest = (t: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/ingest',
        payload: '',
        headers: { ...bearer(t), 'content-type': 'application/x-ndjson' },
      });
    assert.equal((await ingest(h.tokens.viewer)).statusCode, 403);
    assert.equal((await ingest(h.tokens.analyst)).statusCode, 200);
    for (const url of ['/api/audit', '/api/users']) {
      assert.equal((await h.app.inject({ url, headers: bearer(h.tokens.analyst) })).statusCode, 403, url);
      assert.equal((await h.app.inject({ url, headers: bearer(h.tokens.admin) })).statusCode, 200, url);
    }
    assert.equal((await h.app.inject({ url: '/api/search', headers: bearer(h.tokens.viewer) })).statusCode, 200);
  } finally {
    await h.close();
  }
});

test('logout ends the session server-side', async () => {
  const h = await harness();
  try {
    const s = await login(h.app, 'viewer', PASSWORDS.viewer);
    const out = await h.app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    assert.equal(out.statusCode, 200);
    assert.equal((await h.app.inject({ url: '/api/me', headers: { cookie: s.cookie } })).statusCode, 401);
  } finally {
    await h.close();
  }
});

test('login is rate-limited', async () => {
  const h = await harness({ server: { loginLimit: { max: 3, timeWindow: 60_000 } } });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'admin', password: `guess-${i}` },
      });
      codes.push(r.statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  } finally {
    await h.close();
  }
});

test('first run: no users, a one-time setup token creates the first admin, then it is spent', async () => {
  const h = await harness({ empty: true });
  try {
    assert.ok(h.setupToken?.startsWith('vgsetup_'));
    assert.equal((await h.app.inject({ url: '/api/health' })).json().setupPending, true);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: 'vgsetup_wrong', username: 'root', password: 'a-long-password' },
    });
    assert.equal(bad.statusCode, 401);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: h.setupToken, username: 'root', password: 'a-long-password' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().role, 'admin');
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: h.setupToken, username: 'root2', password: 'a-long-password' },
    });
    assert.equal(again.statusCode, 401);
    assert.equal((await h.app.inject({ url: '/api/health' })).json().setupPending, false);
  } finally {
    await h.close();
  }
});

test('API tokens: created once, stored only as a hash, revocable', async () => {
  const h = await harness();
  try {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { label: 'script' },
      headers: bearer(h.tokens.analyst),
    });
    assert.equal(created.statusCode, 201);
    const { id, token } = created.json();
    const rows = await h.store.db.selectFrom('auth_tokens').selectAll().execute();
    assert.ok(rows.every((r) => r.token_hash !== token && !JSON.stringify(r).includes(token)));
    assert.equal((await h.app.inject({ url: '/api/me', headers: bearer(token) })).statusCode, 200);
    const del = await h.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: bearer(h.tokens.analyst) });
    assert.equal(del.json().revoked, true);
    assert.equal((await h.app.inject({ url: '/api/me', headers: bearer(token) })).statusCode, 401);
    const ledger = JSON.stringify(await listAudit(h.store.db, {}));
    assert.ok(!ledger.includes(token), 'the token never enters the ledger');
    assert.ok(!ledger.includes(PASSWORDS.analyst));
  } finally {
    await h.close();
  }
});

test('first run: an admin added outside the server (vigil users add) closes the setup gate at once', async () => {
  const h = await harness({ empty: true });
  try {
    assert.equal((await h.app.inject({ url: '/api/health' })).json().setupPending, true);
    // What `vigil users add root --role admin --password-stdin` does, from another process, while the server runs.
    await addUser(h.store, { username: 'root', role: 'admin', password: 'a-long-password' }, 'cli');
    assert.equal((await h.app.inject({ url: '/api/health' })).json().setupPending, false);
    const redeem = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: h.setupToken, username: 'intruder', password: 'a-long-password' },
    });
    assert.equal(redeem.statusCode, 401);
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'root', password: 'a-long-password' },
    });
    assert.equal(login.statusCode, 200);
  } finally {
    await h.close();
  }
});
