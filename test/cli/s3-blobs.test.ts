import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sha256Hex } from '../../src/core/hash.ts';
import { verifyPy, vigil } from '../evidence/bag-helpers.ts';
import { type LocalS3, startLocalS3 } from '../helpers/local-s3.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const LINES = [
  '{"platform":"twitter","id":"1","author":"abu_ahmad","postedAt":"2016-12-13T14:02:00+02:00","text":"قُتِلَ ٣٠ مدنياً تحت الأنقاض","lang":"ar"}',
  '{"platform":"twitter","id":"2","author":"lina","postedAt":"2016-12-13T15:02:00+02:00","text":"30 civilians killed in al-Shaar","lang":"en"}',
];

describe('vigil with VIGIL_BLOBS=s3://… (against s3rver)', () => {
  const dir = tempDir('vigil-s3cli-');
  const data = join(dir.path, 'data');
  const input = join(dir.path, 'export.jsonl');
  const original = `${LINES.join('\n')}\n`;
  const sha = sha256Hex(original);
  let s3: LocalS3;
  let env: Record<string, string>;
  before(async () => {
    s3 = await startLocalS3('vigil-cli-blobs');
    env = { VIGIL_KEY_DIR: join(dir.path, 'keys'), ...s3.env('archive') };
    writeFileSync(input, original);
  });
  after(async () => {
    await s3.close();
    dir.remove();
  });

  it('imports into the bucket, not the data folder, and verify passes', async () => {
    const r = await vigil(['import', input, '--data', data, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).new, 2);
    assert.equal(existsSync(join(data, 'blobs')), false, 'nothing in <data>/blobs');
    const stored = s3.objectFile(`archive/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    assert.equal(readFileSync(stored, 'utf8'), original);
    const v = await vigil(['verify', '--data', data], env);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /OK: \d+ ledger events chain correctly; 1 blobs match their hashes/);
  });

  it('exports a bag whose originals come from the bucket, and verify.py passes', async () => {
    const k = await vigil(['keys', 'init', '--name', 'example.org/vigil', '--data', data], env);
    assert.equal(k.code, 0, k.stderr);
    const bag = join(dir.path, 'bag');
    const e = await vigil(['export', '--data', data, '--out', bag, '--organization', 'Test Archive', '--json'], env);
    assert.equal(e.code, 0, e.stderr);
    assert.equal(readFileSync(join(bag, 'data', 'originals', sha), 'utf8'), original);
    const py = await verifyPy(bag);
    assert.equal(py.code, 0, py.stdout);
    assert.match(py.stdout, /VERIFIED/);
  });

  it('names the blob when a byte changes in the bucket: verify exits 3, export writes nothing', async () => {
    const stored = s3.objectFile(`archive/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    chmodSync(stored, 0o644);
    const bytes = readFileSync(stored);
    bytes[10] ^= 0x01;
    writeFileSync(stored, bytes);
    const v = await vigil(['verify', '--data', data], env);
    assert.equal(v.code, 3, v.stdout + v.stderr);
    assert.ok((v.stdout + v.stderr).includes(sha), v.stdout + v.stderr);
    const before = readdirSync(dir.path).sort();
    const e = await vigil(['export', '--data', data, '--out', join(dir.path, 'bag2'), '--organization', 'X'], env);
    assert.notEqual(e.code, 0);
    assert.match(e.stderr, new RegExp(`blob ${sha} is corrupt`));
    assert.deepEqual(readdirSync(dir.path).sort(), before, 'no bag and no partial folder left');
  });
});
