import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { secretHash } from '../../src/server/auth/secrets.ts';
import { listAudit } from '../../src/store/queries/audit.ts';
import { principalForToken } from '../../src/store/queries/auth.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

function vigil(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], { env: { ...process.env, VIGIL_DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(input);
  });
}

describe('vigil users and vigil tokens', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  after(() => dir.remove());

  it('adds a user with the password from stdin, never from an argument', async () => {
    const noStdin = await vigil(['users', 'add', 'amal', '--role', 'analyst', '--data', data]);
    assert.equal(noStdin.code, 2);
    const weak = await vigil(
      ['users', 'add', 'amal', '--role', 'analyst', '--password-stdin', '--data', data],
      'short\n',
    );
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /at least 10/);
    const badRole = await vigil(
      ['users', 'add', 'amal', '--role', 'boss', '--password-stdin', '--data', data],
      'long-enough-pw\n',
    );
    assert.equal(badRole.code, 2);
    const ok = await vigil(
      ['users', 'add', 'amal', '--role', 'analyst', '--password-stdin', '--data', data],
      'long-enough-pw\n',
    );
    assert.equal(ok.code, 0, ok.stderr);
    const dup = await vigil(
      ['users', 'add', 'amal', '--role', 'viewer', '--password-stdin', '--data', data],
      'long-enough-pw\n',
    );
    assert.notEqual(dup.code, 0);
    const list = await vigil(['users', 'list', '--json', '--data', data]);
    assert.deepEqual(
      JSON.parse(list.stdout).map((u: { username: string; role: string }) => [u.username, u.role]),
      [['amal', 'analyst']],
    );
  });

  it('prints a token once, keeps only its hash, and refuses unknown users with exit 4', async () => {
    const t = await vigil(['tokens', 'create', 'amal', '--label', 'feed script', '--data', data]);
    assert.equal(t.code, 0, t.stderr);
    const token = t.stdout.trim();
    assert.match(token, /^vgl_[\w-]{40,}$/);
    const unknown = await vigil(['tokens', 'create', 'nobody', '--data', data]);
    assert.equal(unknown.code, 4);
    const store = await openVigilStore({ dataDir: data });
    try {
      assert.equal((await principalForToken(store.db, secretHash(token)))?.username, 'amal');
      const rows = await store.db.selectFrom('auth_tokens').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(token));
      const events = await listAudit(store.db, {});
      assert.deepEqual(events.map((e) => e.kind).sort(), ['token.created', 'user.added']);
      assert.ok(!JSON.stringify(events).includes('long-enough-pw'));
    } finally {
      await store.close();
    }
  });
});
