import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverLogger } from '../../src/server/logger.ts';
import { bearer, capture, harness, login, PASSWORDS } from './harness.ts';

test('no password, token, session cookie or CSRF token reaches the server log', async () => {
  const h = await harness({ empty: true });
  try {
    const setupToken = h.setupToken!;
    const setup = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: setupToken, username: 'root', password: 'root-password-xyz' },
    });
    assert.equal(setup.statusCode, 200);
    await h.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'root', password: 'wrong-password-abc' },
    });
    const s = await login(h.app, 'root', 'root-password-xyz');
    const t = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: {},
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    const token = t.json().token as string;
    await h.app.inject({ url: '/api/me', headers: bearer(token) });
    await h.app.inject({ url: '/api/me', headers: bearer('vgl_wrong-token-value') });
    const all = h.logs.join('');
    assert.ok(h.logs.length > 5, 'the server did log requests');
    assert.match(all, /signed in/);
    const cookieSecret = s.cookie.split('=')[1];
    for (const secret of [
      setupToken,
      'root-password-xyz',
      'wrong-password-abc',
      token,
      'vgl_wrong-token-value',
      cookieSecret,
      s.csrf,
    ]) {
      assert.ok(!all.includes(secret), `a secret leaked into the log: ${secret.slice(0, 6)}…`);
    }
  } finally {
    await h.close();
  }
});

test('the logger redacts secrets even when code logs them by mistake', () => {
  const lines: string[] = [];
  const log = serverLogger({ stream: capture(lines) });
  log.info(
    {
      password: PASSWORDS.admin,
      body: { password: 'p2-secret', token: 't-secret' },
      req: { headers: { authorization: 'Bearer vgl_x', cookie: 'vigil_session=vgs_y' } },
    },
    'oops',
  );
  const out = lines.join('');
  assert.match(out, /oops/);
  for (const s of [PASSWORDS.admin, 'p2-secret', 't-secret', 'vgl_x', 'vgs_y']) assert.ok(!out.includes(s), s);
  assert.match(out, /\[redacted\]/);
});
