import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/temp-dir.ts';
import { fixture } from '../sources/helpers/fixtures.ts';
import { expectedFixtures } from '../sources/helpers/whatsapp-expected.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

function vigil(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], {
      env: { ...process.env, VIGIL_DATABASE_URL: '', VIGIL_DEBUG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end();
  });
}

interface Summary {
  input: string;
  read: number;
  new: number;
  unchanged: number;
  edited: number;
  events: number;
  eventsNew: number;
  rejected: number;
}

describe('vigil import on every WhatsApp fixture', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const data = join(dir.path, 'data');
  const all = expectedFixtures();

  it('reports read = new + events + rejected for each, and a re-import adds nothing', async () => {
    const first = await vigil(['import', ...all.map((f) => f.path), '--data', data, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const summaries = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Summary);
    assert.equal(summaries.length, all.length);
    summaries.forEach((s, i) => {
      const want = all[i]!.expected;
      const label = all[i]!.name;
      assert.equal(s.read, s.new + s.events + s.rejected, `${label}: read = new + events + rejected`);
      assert.equal(s.read, want.read, `${label}: read`);
      assert.equal(s.new, want.messages.length, `${label}: new`);
      assert.equal(s.events, want.events.length, `${label}: events`);
      assert.equal(s.eventsNew, want.events.length, `${label}: events stored`);
      assert.equal(s.rejected, want.rejected.length, `${label}: rejected`);
    });
    const db = new Database(join(data, 'vigil.db'), { readonly: true });
    const events = (db.prepare('select count(*) n from source_events').get() as { n: number }).n;
    const located = db.prepare("select geo from messages where kind = 'location'").all() as { geo: string }[];
    db.close();
    assert.equal(
      events,
      all.reduce((n, f) => n + f.expected.events.length, 0),
    );
    assert.ok(located.length >= 2);
    for (const r of located) assert.equal(JSON.parse(r.geo).lat, 36.2021);

    const again = await vigil(['import', all[0]!.path, '--data', data, '--json']);
    const s = JSON.parse(again.stdout) as Summary;
    assert.equal(s.read, s.unchanged + s.events + s.rejected);
    assert.deepEqual([s.new, s.eventsNew], [0, 0]);
  });

  it('an export in a shape Vigil cannot read is refused naming the file, the line and what was expected', async () => {
    const out = await vigil(['import', fixture('whatsapp', 'unreadable-shape.txt'), '--data', data]);
    assert.equal(out.code, 5);
    assert.match(out.stderr, /unreadable-shape\.txt:line=1: no WhatsApp message header found/);
    assert.match(out.stderr, /2016年12月13日 14:02/);
    assert.match(out.stderr, /expected a date and time such as/);
  });

  it('a store error is one plain line, not a stack trace', async () => {
    const file = join(dir.path, 'more.jsonl');
    writeFileSync(
      file,
      '{"platform":"twitter","id":"9","author":"lina","postedAt":"2016-12-13T15:02:00+02:00","text":"still here"}\n',
    );
    const db = new Database(join(data, 'vigil.db'));
    db.exec(
      "create trigger boom before insert on messages begin select raise(abort, 'disk I/O error (simulated)'); end",
    );
    db.close();
    const out = await vigil(['import', file, '--data', data]);
    assert.equal(out.code, 1);
    const lines = out.stderr.trim().split('\n');
    assert.equal(lines.length, 1, out.stderr);
    assert.match(lines[0]!, /^vigil: .*disk I\/O error \(simulated\)/);
    assert.doesNotMatch(out.stderr, /\n\s+at /);
  });
});
