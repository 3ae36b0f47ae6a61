import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readTimestampReply, timestampRequest } from '../../src/evidence/tsa.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { run, verifyPy, vigil } from './bag-helpers.ts';
import { type LocalTsa, startLocalTsa } from './local-tsa.ts';

describe('RFC 3161 timestamps against a local openssl TSA', () => {
  const dir = tempDir('vigil-tsa-');
  const data = join(dir.path, 'data');
  const env = { VIGIL_KEY_DIR: join(dir.path, 'keys') };
  let tsa: LocalTsa;
  after(async () => {
    await tsa?.close();
    dir.remove();
  });
  before(async () => {
    const ca = join(dir.path, 'tsa');
    mkdirSync(ca);
    tsa = await startLocalTsa(ca);
    writeFileSync(
      join(dir.path, 'in.jsonl'),
      '{"platform":"telegram","id":"7","author":"medic","postedAt":"2016-12-15T08:00:00+02:00","text":"the last hospital is out of service","lang":"en"}\n',
    );
    assert.equal((await vigil(['import', join(dir.path, 'in.jsonl'), '--data', data], env)).code, 0);
    assert.equal((await vigil(['keys', 'init', '--data', data], env)).code, 0);
  });

  it('builds a request openssl reads, with the imprint and nonce given', async () => {
    const digest = Buffer.alloc(32, 0xab);
    const req = timestampRequest(digest, Buffer.from('00ff10', 'hex'));
    const f = join(dir.path, 'unit.tsq');
    writeFileSync(f, req.der);
    const r = await run('openssl', ['ts', '-query', '-in', f, '-text']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Hash Algorithm: sha256/);
    assert.equal((r.stdout.match(/(?:ab[ -]){15}ab/gi) ?? []).length, 2, 'two rows of 16 bytes of 0xab');
    assert.match(r.stdout, /Nonce: 0xFF10/i);
    assert.match(r.stdout, /Certificate required: yes/);
  });

  it('stamps a checkpoint online; the token travels in the bag and openssl ts -verify accepts it', async () => {
    const r = await vigil(['checkpoint', '--tsa', tsa.url, '--data', data, '--json'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.match(out.timestamp.genTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const bag = join(dir.path, 'bag');
    const e = await vigil(['export', '--data', data, '--out', bag, '--json'], env);
    assert.equal(e.code, 0, e.stderr);
    assert.equal(JSON.parse(e.stdout).timestamps, 1);
    const tokens = readdirSync(join(bag, 'data/proofs/timestamps'));
    assert.equal(tokens.length, 1);
    const token = join(bag, 'data/proofs/timestamps', tokens[0]);
    const v = await run('openssl', [
      'ts',
      '-verify',
      '-data',
      join(bag, 'data/proofs/checkpoint.txt'),
      '-in',
      token,
      '-CAfile',
      tsa.caFile,
    ]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /Verification: OK/);
    const py = await verifyPy(bag);
    assert.equal(py.code, 0, py.stdout);
    assert.match(py.stdout, /stamps the checkpoint's SHA-256/);
    // The token does not verify for any other file.
    const other = join(dir.path, 'other.txt');
    writeFileSync(other, 'not the checkpoint\n');
    const bad = await run('openssl', ['ts', '-verify', '-data', other, '-in', token, '-CAfile', tsa.caFile]);
    assert.notEqual(bad.code, 0);
  });

  it('offline: writes the .tsq, and vigil timestamp import takes the reply brought back', async () => {
    const tsq = join(dir.path, 'later.tsq');
    const r = await vigil(['checkpoint', '--tsq', tsq, '--data', data], env);
    assert.equal(r.code, 0, r.stderr);
    const tsr = join(dir.path, 'later.tsr');
    tsa.reply(tsq, tsr);
    assert.equal(readTimestampReply(readFileSync(tsr)).status, 0);
    const imp = await vigil(['timestamp', 'import', tsr, '--data', data], env);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /timestamp of checkpoint seq \d+ at .* recorded/);
    const again = await vigil(['timestamp', 'import', join(dir.path, 'unit.tsq'), '--data', data], env);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /not an RFC 3161 TimeStampResp|no checkpoint/);
  });

  it('an unreachable TSA leaves the checkpoint signed and writes the request to send later', async () => {
    const r = await vigil(['checkpoint', '--tsa', 'http://127.0.0.1:9/', '--data', data], env);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /NOT timestamped: could not reach the timestamp authority/);
    assert.match(r.stdout, /timestamp request written to .*checkpoint-\d+\.tsq/);
  });
});
