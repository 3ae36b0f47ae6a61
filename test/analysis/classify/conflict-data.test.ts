import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readConflictFile, readConflictTraining } from '../../../src/analysis/classify/conflict-data.ts';
import { ImportError } from '../../../src/core/errors.ts';

const line = (o: object) => JSON.stringify(o);
const ok = { id: 'x-1', text: 'battery at 2%, bye for now', label: 'going_offline', lang: 'en', variety: 'en' };

describe('conflict data files', () => {
  it('reads items, with also defaulting to none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-conflict-'));
    writeFileSync(
      join(dir, 'train-en.jsonl'),
      `${line(ok)}\n\n${line({ ...ok, id: 'x-2', also: ['alive_and_safe'] })}\n`,
    );
    writeFileSync(join(dir, 'dev.jsonl'), line({ ...ok, id: 'dev' }));
    const items = readConflictTraining(dir);
    assert.deepEqual(
      items.map((i) => [i.id, i.also]),
      [
        ['x-1', []],
        ['x-2', ['alive_and_safe']],
      ],
    );
  });

  it('leaves out the files it is told to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-conflict-'));
    writeFileSync(join(dir, 'train-en.jsonl'), line(ok));
    writeFileSync(join(dir, 'train-arabizi-a.jsonl'), line({ ...ok, id: 'az-1', lang: 'ar', variety: 'arabizi' }));
    assert.deepEqual(
      readConflictTraining(dir).map((i) => i.id),
      ['az-1', 'x-1'],
    );
    assert.deepEqual(
      readConflictTraining(dir, ['train-arabizi-a.jsonl']).map((i) => i.id),
      ['x-1'],
    );
  });

  it('a bad line names the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-conflict-'));
    const f = join(dir, 'train-en.jsonl');
    writeFileSync(f, `${line(ok)}\n${line({ ...ok, label: 'goodbye' })}\n`);
    assert.throws(
      () => readConflictFile(f),
      (e: unknown) => e instanceof ImportError && /train-en\.jsonl:line 2: label/.test(e.message),
    );
    writeFileSync(f, `${line(ok)}\n{oops\n`);
    assert.throws(() => readConflictFile(f), /train-en\.jsonl:line 2: not JSON/);
  });

  it('the committed training files parse, with unique ids', () => {
    const items = readConflictTraining(join(import.meta.dirname, '../../../models/data/conflict'));
    assert.ok(items.length >= 3500);
    assert.equal(new Set(items.map((i) => i.id)).size, items.length);
    assert.ok(items.filter((i) => i.lang === 'en').length >= 1400);
  });
});
