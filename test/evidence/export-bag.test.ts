import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import { sha256Hex } from '../../src/core/hash.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { rewriteManifests, run, verifyPy, vigil } from './bag-helpers.ts';

const LINES = [
  '{"platform":"twitter","id":"1","author":"abu_ahmad","postedAt":"2016-12-13T14:02:00+02:00","text":"قُتِلَ ٣٠ مدنياً تحت الأنقاض","lang":"ar"}',
  '{"platform":"twitter","id":"2","author":"lina","postedAt":"2016-12-13T15:02:00+02:00","text":"30 civilians killed in al-Shaar","lang":"en"}',
  '{"platform":"twitter","id":"3","author":"lina","postedAt":"2016-12-14T09:00:00+02:00","text":"we are alive. please help us leave","lang":"en"}',
];
const EDIT =
  '{"platform":"twitter","id":"2","author":"lina","postedAt":"2016-12-13T15:02:00+02:00","text":"31 civilians killed in al-Shaar","lang":"en"}';

describe('vigil export: evidence bags', () => {
  const dir = tempDir('vigil-bag-');
  const data = join(dir.path, 'data');
  const env = { VIGIL_KEY_DIR: join(dir.path, 'keys') };
  const bag = join(dir.path, 'bag');
  let copies = 0;
  const copy = () => {
    const to = join(dir.path, `copy-${++copies}`);
    cpSync(bag, to, { recursive: true });
    return to;
  };
  after(() => dir.remove());

  before(async () => {
    writeFileSync(join(dir.path, 'a.jsonl'), `${LINES.join('\n')}\n`);
    writeFileSync(join(dir.path, 'b.jsonl'), `${EDIT}\n`);
    for (const f of ['a.jsonl', 'b.jsonl']) {
      const r = await vigil(['import', join(dir.path, f), '--data', data], env);
      assert.equal(r.code, 0, r.stderr);
    }
    const k = await vigil(['keys', 'init', '--name', 'example.org/vigil', '--data', data], env);
    assert.equal(k.code, 0, k.stderr);
    const e = await vigil(['export', '--data', data, '--out', bag, '--organization', 'Test Archive', '--json'], env);
    assert.equal(e.code, 0, e.stderr);
    const s = JSON.parse(e.stdout);
    assert.equal(s.messages, 3);
    assert.equal(s.versions, 4);
    assert.equal(s.checkpoint.signedNow, true);
  });

  it('passes verify.py, and its manifests pass sha256sum -c and sha512sum -c', async () => {
    const r = await verifyPy(bag);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /VERIFIED/);
    assert.match(r.stdout, /Ed25519 signature by example\.org\/vigil verifies/);
    for (const [tool, manifest] of [
      ['sha256sum', 'manifest-sha256.txt'],
      ['sha512sum', 'manifest-sha512.txt'],
      ['sha256sum', 'tagmanifest-sha256.txt'],
    ]) {
      const c = await run(tool, ['-c', manifest], { cwd: bag });
      assert.equal(c.code, 0, c.stdout + c.stderr);
      assert.doesNotMatch(c.stdout, /FAILED/);
    }
    const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    for (const label of ['Source-Organization: Test Archive', 'Bagging-Date: ', 'Payload-Oxum: ', 'Vigil-Version: '])
      assert.ok(info.includes(label), label);
    assert.match(
      readFileSync(join(bag, 'bagit.txt'), 'utf8'),
      /^BagIt-Version: 1\.0\nTag-File-Character-Encoding: UTF-8\n$/,
    );
  });

  it('holds every version, the original files by hash, and the ledger events about them', () => {
    const records = readFileSync(join(bag, 'data/messages.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(records.length, 4);
    const texts = records.map((r) => r.message.text);
    assert.ok(texts.includes('30 civilians killed in al-Shaar') && texts.includes('31 civilians killed in al-Shaar'));
    const originals = readdirSync(join(bag, 'data/originals'));
    assert.equal(originals.length, 2);
    for (const o of originals) assert.equal(sha256Hex(readFileSync(join(bag, 'data/originals', o))), o);
    const kinds = readFileSync(join(bag, 'data/ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).kind);
    assert.equal(kinds.filter((k) => k === 'message.captured').length, 4);
    assert.equal(kinds.filter((k) => k === 'blob.captured').length, 2);
  });

  it('fails on a one-byte change in any payload file, naming the file', async () => {
    const payload = [
      'data/messages.jsonl',
      'data/ledger.jsonl',
      'data/proofs/inclusion.jsonl',
      'data/proofs/checkpoint.txt',
    ];
    payload.push(...readdirSync(join(bag, 'data/originals')).map((o) => `data/originals/${o}`));
    for (const p of payload) {
      const c = copy();
      const b = readFileSync(join(c, p));
      b[Math.floor(b.length / 2)] ^= 0x01;
      writeFileSync(join(c, p), b);
      const r = await verifyPy(c);
      assert.equal(r.code, 1, `${p}: ${r.stdout}`);
      assert.match(r.stdout, new RegExp(`FAIL  ${p.replace(/\./g, '\\.')}: sha256 is`), p);
    }
  });

  it('fails on a removed file and on an added file, naming them', async () => {
    const removed = copy();
    rmSync(join(removed, 'data/proofs/inclusion.jsonl'));
    const r1 = await verifyPy(removed);
    assert.equal(r1.code, 1);
    assert.match(r1.stdout, /FAIL {2}data\/proofs\/inclusion\.jsonl: listed in manifest-sha256\.txt but missing/);
    const added = copy();
    writeFileSync(join(added, 'data/originals/extra.txt'), 'planted');
    const r2 = await verifyPy(added);
    assert.equal(r2.code, 1);
    assert.match(r2.stdout, /FAIL {2}data\/originals\/extra\.txt: in the bag but not in manifest-sha256\.txt/);
  });

  it('fails on a changed ledger line even when its hash and every manifest are rewritten to match', async () => {
    const c = copy();
    const path = join(c, 'data/ledger.jsonl');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const n = lines.findIndex((l) => JSON.parse(l).kind === 'message.captured');
    const e = JSON.parse(lines[n]);
    e.payload.message.text = 'a forged text';
    const { hash: _h, ...body } = e;
    e.hash = sha256Hex(canonicalJson(body));
    lines[n] = canonicalJson(e);
    writeFileSync(path, `${lines.join('\n')}\n`);
    rewriteManifests(c);
    const r = await verifyPy(c);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stdout,
      new RegExp(`FAIL {2}data/ledger\\.jsonl line ${n + 1} \\(seq ${e.seq}\\): not in the signed checkpoint`),
    );
    assert.doesNotMatch(r.stdout, /FAIL.*manifest/);
  });

  it('fails on a forged signature; a bag re-signed with another key fails against the real key', async () => {
    const c = copy();
    const cp = join(c, 'data/proofs/checkpoint.txt');
    const note = readFileSync(cp, 'utf8');
    const sig = note.trimEnd().split(' ').pop()!;
    const raw = Buffer.from(sig, 'base64');
    raw[10] ^= 0x40;
    writeFileSync(cp, note.replace(sig, raw.toString('base64')));
    rewriteManifests(c);
    const r = await verifyPy(c);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /FAIL {2}data\/proofs\/checkpoint\.txt: no valid Ed25519 signature/);

    const realKey = readFileSync(join(bag, 'data/proofs/checkpoint-key.txt'), 'utf8').trim();
    const other = { VIGIL_KEY_DIR: join(dir.path, 'other-keys') };
    assert.equal((await vigil(['keys', 'init', '--name', 'example.org/vigil'], other)).code, 0);
    const data2 = join(dir.path, 'data2');
    await vigil(['import', join(dir.path, 'a.jsonl'), '--data', data2], other);
    const forged = join(dir.path, 'forged-bag');
    assert.equal((await vigil(['export', '--data', data2, '--out', forged], other)).code, 0);
    assert.equal((await verifyPy(forged)).code, 0);
    const withKey = await verifyPy(forged, '--key', realKey);
    assert.equal(withKey.code, 1, withKey.stdout);
    assert.match(
      withKey.stdout,
      /FAIL {2}data\/proofs\/checkpoint\.txt: no valid Ed25519 signature by example\.org\/vigil/,
    );
    assert.equal((await verifyPy(bag, '--key', realKey)).code, 0);
  });

  it('records the checkpoint in the ledger, and reuses one that covers a later selection', async () => {
    const out = join(dir.path, 'bag-one');
    const show = await vigil(['search', '--author', 'abu_ahmad', '--data', data, '--json'], env);
    const id = JSON.parse(show.stdout)[0].id;
    const r = await vigil(['export', '--id', id, '--data', data, '--out', out, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.messages, 1);
    assert.equal(s.checkpoint.signedNow, false, 'the first export’s checkpoint still covers message 1');
    assert.equal((await verifyPy(out)).code, 0);
    const ledger = await run('sqlite3', [
      join(data, 'vigil.db'),
      "select kind from ledger where kind in ('checkpoint.signed','audit.export')",
    ]);
    if (ledger.code === 0) assert.match(ledger.stdout, /checkpoint\.signed/);
  });

  it('selects a person’s messages, and writes jsonl and csv', async () => {
    assert.equal(
      (await vigil(['people', 'add', '--name', 'Lina', '--account', 'twitter:lina', '--data', data], env)).code,
      0,
    );
    const out = join(dir.path, 'bag-lina');
    const r = await vigil(['export', '--person', 'Lina', '--data', data, '--out', out, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).messages, 2);
    const jsonl = join(dir.path, 'out.jsonl');
    assert.equal(
      (await vigil(['export', '--format', 'jsonl', '--author', 'lina', '--data', data, '--out', jsonl], env)).code,
      0,
    );
    assert.equal(readFileSync(jsonl, 'utf8').trim().split('\n').length, 2);
    const csv = join(dir.path, 'out.csv');
    assert.equal((await vigil(['export', '--format', 'csv', '--data', data, '--out', csv], env)).code, 0);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    assert.equal(rows.length, 4);
    assert.match(rows[0], /^id,platform,native_id/);
  });

  it('refuses an empty selection and leaves nothing behind', async () => {
    const out = join(dir.path, 'empty-bag');
    const r = await vigil(['export', 'nosuchwordanywhere', '--data', data, '--out', out], env);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /nothing matches \(words "nosuchwordanywhere"/);
    assert.ok(!existsSync(out));
    assert.deepEqual(
      readdirSync(dir.path).filter((n) => n.includes('partial')),
      [],
    );
  });

  it('fails cleanly when the target cannot be written, or fails midway, with no partial bag', async () => {
    const blocker = join(dir.path, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const r1 = await vigil(['export', '--data', data, '--out', join(blocker, 'bag')], env);
    assert.equal(r1.code, 1);
    assert.match(r1.stderr, /cannot write the bag beside/);

    const ro = join(dir.path, 'read-only');
    cpSync(join(dir.path, 'a.jsonl'), join(ro, 'x'), { recursive: true });
    chmodSync(ro, 0o555);
    if (process.getuid?.() !== 0) {
      const r2 = await vigil(['export', '--data', data, '--out', join(ro, 'bag')], env);
      assert.equal(r2.code, 1);
      assert.deepEqual(readdirSync(ro), ['x']);
    }
    chmodSync(ro, 0o755);

    // An original gone from the blob store: the bag fails while it is being written.
    const data3 = join(dir.path, 'data3');
    await vigil(['import', join(dir.path, 'b.jsonl'), '--data', data3], env);
    const blobs = join(data3, 'blobs');
    const gone = readdirSync(blobs, { recursive: true, withFileTypes: true }).find(
      (e) => e.isFile() && e.name.length === 64,
    )!;
    chmodSync(join(gone.parentPath, gone.name), 0o644);
    rmSync(join(gone.parentPath, gone.name));
    const out = join(dir.path, 'half-bag');
    const r3 = await vigil(['export', '--data', data3, '--out', out], env);
    assert.equal(r3.code, 1);
    assert.match(r3.stderr, /blob [0-9a-f]{64} is missing/);
    assert.ok(!existsSync(out));
    assert.deepEqual(
      readdirSync(dir.path).filter((n) => n.includes('partial')),
      [],
    );
  });

  it('keeps the key outside the data folder with mode 0600, and will not sign with a key others can read', async () => {
    const keyFile = join(dir.path, 'keys', 'checkpoint-ed25519.pem');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const inside = await vigil(['keys', 'init', '--data', data], { VIGIL_KEY_DIR: join(data, 'keys') });
    assert.equal(inside.code, 2);
    assert.match(inside.stderr, /inside the data folder/);
    const again = await vigil(['keys', 'init', '--data', data], env);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    chmodSync(keyFile, 0o644);
    const r = await vigil(['checkpoint', '--data', data], env);
    chmodSync(keyFile, 0o600);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /can be read by others \(mode 644\)/);
  });
});
