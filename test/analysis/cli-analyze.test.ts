import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

function run(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.on('close', (code) => resolve({ code, stdout }));
    p.stdin.end(stdin ?? '');
  });
}

describe('vigil analyze', () => {
  it('prints one JSON object for a text argument', async () => {
    const r = await run([
      'analyze',
      '--json',
      '--posted-at',
      '2016-12-13T14:00:00+02:00',
      'استشهاد ٣٠ مدنياً بينهم ٧ أطفال في حي الشعار',
    ]);
    assert.equal(r.code, 0);
    const a = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(a), [
      'language',
      'category',
      'confidence',
      'flags',
      'casualties',
      'places',
      'dates',
      'modelVersion',
    ]);
    assert.equal(a.language, 'ar');
    assert.deepEqual(a.casualties[1], { kind: 'killed', count: 7, group: 'children' });
  });

  it('reads JSONL messages from stdin, one result per line, and reports bad lines', async () => {
    const r = await run(
      ['analyze', '--json'],
      '{"text":"Please help, we are trapped in al-Sukkari"}\nnot json\n{"text":"We are alive, thank God","lang":"en"}\n',
    );
    assert.equal(r.code, 1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.category),
      ['request_for_help', 'alive_and_safe'],
    );
    assert.deepEqual(
      lines[0].places.map((p: { name: string }) => p.name),
      ['Al-Sukkari'],
    );
  });
});
