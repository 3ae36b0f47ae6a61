import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

function vigil(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], { env: { ...process.env, VIGIL_DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end();
  });
}

describe('vigil people / status / watch', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  const file = join(dir.path, 'in.jsonl');
  const d = (...a: string[]) => [...a, '--data', data];
  after(() => dir.remove());
  before(async () => {
    const lines: string[] = [];
    const start = Date.parse('2016-12-10T06:00:00Z');
    for (let h = 0; h < 72; h++) {
      const t = start + h * 3_600_000;
      const hour = new Date(t).getUTCHours();
      if (hour < 6 || hour > 21) continue;
      const at = new Date(t).toISOString().replace('.000Z', '+00:00');
      lines.push(
        JSON.stringify({
          platform: 'twitter',
          id: `o${h}`,
          author: 'omar_cd',
          postedAt: at,
          text: `rescue update ${h}`,
        }),
      );
      if (h < 30)
        lines.push(
          JSON.stringify({
            platform: 'twitter',
            id: `l${h}`,
            author: 'LamisHA',
            postedAt: at,
            text: `class in the basement ${h}`,
          }),
        );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const imp = await vigil(d('import', file));
    assert.equal(imp.code, 0, imp.stderr);
  });

  it('adds people, takes notes, rejects a status outside PFIF', async () => {
    const a = await vigil(
      d(
        'people',
        'add',
        '--name',
        'Lamis Haj Ali',
        '--name-ar',
        'لميس حاج علي',
        '--account',
        'twitter:@lamisha',
        '--area',
        'al-Mashhad',
        '--tag',
        'teacher',
        '--at',
        '2016-12-10T00:00:00Z',
      ),
    );
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /^p-[0-9a-f]{12} {2}Lamis Haj Ali {2}\(Al-Mashhad\)/);
    const b = await vigil(
      d('people', 'add', '--name', 'Omar Haddad', '--account', 'twitter:omar_cd', '--area', 'al-Mashhad'),
    );
    assert.equal(b.code, 0, b.stderr);
    const n = await vigil(
      d(
        'people',
        'note',
        'twitter:lamisha',
        '--status',
        'believed_missing',
        '--text',
        'No news since Sunday.',
        '--at',
        '2016-12-12T10:00:00Z',
      ),
    );
    assert.equal(n.code, 0, n.stderr);
    assert.match(n.stdout, /^n-[0-9a-f]{16}\n$/);
    const bad = await vigil(d('people', 'note', 'Lamis Haj Ali', '--status', 'dead', '--text', 'x'));
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /--status must be one of information_sought, is_note_author, believed_alive, believed_missing, believed_dead/,
    );
    const missing = await vigil(d('people', 'show', 'nobody'));
    assert.equal(missing.code, 4);
  });

  it('status --at --json prints {person, state, lastSeen, reason, outage} for everyone', async () => {
    const s = await vigil(d('status', '--at', '2016-12-12T12:00:00Z', '--json'));
    assert.equal(s.code, 0, s.stderr);
    const rows = JSON.parse(s.stdout) as Record<string, unknown>[];
    assert.equal(rows.length, 2);
    for (const r of rows) for (const k of ['person', 'state', 'lastSeen', 'reason', 'outage']) assert.ok(k in r, k);
    const lamis = rows.find((r) => r.person === 'Lamis Haj Ali');
    const omar = rows.find((r) => r.person === 'Omar Haddad');
    assert.equal(lamis?.state, 'silent');
    assert.equal(lamis?.lastSeen, '2016-12-11T11:00:00.000Z');
    assert.match(String(lamis?.reason), /usually every 60 min/);
    assert.equal(omar?.state, 'active');
    assert.equal(omar?.outage, null);
    const text = await vigil(d('status', '--at', '2016-12-12T12:00:00Z'));
    assert.match(text.stdout, /SILENT\s+Lamis Haj Ali \(Al-Mashhad\)\s+last seen 2016-12-11 11:00 UTC/);
  });

  it('status follows the replay clock like the dashboard; --now and --at override it', async () => {
    const set = await vigil(d('replay-clock', '2016-12-12T12:00:00Z'));
    assert.equal(set.code, 0, set.stderr);
    try {
      const replayed = await vigil(d('status'));
      assert.equal(replayed.code, 0, replayed.stderr);
      assert.match(replayed.stdout, /^Watchlist at 2016-12-12 12:00 UTC: 2 people\n\(a replay: /);
      assert.match(replayed.stdout, /SILENT\s+Lamis Haj Ali/);
      const json = JSON.parse((await vigil(d('status', '--json'))).stdout) as { person: string; state: string }[];
      assert.equal(json.find((r) => r.person === 'Omar Haddad')?.state, 'active');
      const now = await vigil(d('status', '--now'));
      assert.match(now.stdout, new RegExp(`^Watchlist at ${new Date().getUTCFullYear()}-`));
      assert.doesNotMatch(now.stdout, /a replay/);
      const at = await vigil(d('status', '--at', '2016-12-11T10:00:00Z'));
      assert.match(at.stdout, /^Watchlist at 2016-12-11 10:00 UTC/);
      assert.doesNotMatch(at.stdout, /a replay/);
    } finally {
      assert.equal((await vigil(d('replay-clock', 'off'))).code, 0);
    }
  });

  it('exports PFIF 1.4 with the note', async () => {
    const x = await vigil(d('people', 'export', '--pfif', '--domain', 'vigil.example.org'));
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /<pfif:pfif xmlns:pfif="http:\/\/zesty.ca\/pfif\/1.4">/);
    assert.match(x.stdout, /<pfif:status>believed_missing<\/pfif:status>/);
    assert.equal((x.stdout.match(/<pfif:person>/g) ?? []).length, 2);
  });

  it('watch --once raises alerts, lists them, and acknowledges one through the ledger', async () => {
    const w = await vigil(d('watch', '--once'));
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /ALERT a-[0-9a-f]{16}/);
    const again = await vigil(d('watch', '--once'));
    assert.doesNotMatch(again.stdout, /ALERT/, 'no alert twice');
    const list = JSON.parse((await vigil(d('watch', 'alerts', '--json'))).stdout) as {
      alert: { id: string; kind: string };
    }[];
    assert.ok(list.length >= 1);
    const ack = await vigil(d('watch', 'ack', list[0].alert.id, '--comment', 'seen'));
    assert.equal(ack.code, 0, ack.stderr);
    const open = JSON.parse((await vigil(d('watch', 'alerts', '--open', '--json'))).stdout) as unknown[];
    assert.equal(open.length, list.length - 1);
    const show = await vigil(d('people', 'show', 'Lamis Haj Ali'));
    assert.match(show.stdout, /system/, 'the silence is a system note');
  });

  it('watch runs until SIGINT and exits cleanly', async () => {
    const p = spawn(process.execPath, [VIGIL, 'watch', '--interval', '3600', '--data', data], {
      env: { ...process.env, VIGIL_DATABASE_URL: '' },
    });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      p.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('watching')) p.kill('SIGINT');
      });
      p.on('close', (c) => resolve(c));
    });
    assert.equal(code, 0, stderr);
  });
});
