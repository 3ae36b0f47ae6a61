import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  CURRENT_DICTIONARY,
  LEDGER_DICTIONARIES,
  LedgerPayloadError,
  payloadText,
  storedPayload,
  storedPayloads,
} from '../../src/store/ledger-codec/ledger-codec.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';

const message = JSON.stringify({
  contentHash: 'a'.repeat(64),
  id: 'b'.repeat(64),
  message: { author: { id: 'lina' }, platform: 'twitter', text: 'قصف على حي الشعار، نحتاج إلى سيارة إسعاف' },
});

describe('ledger payload codec', () => {
  it('stores a long payload compressed, naming its dictionary, and reads the same text back', () => {
    const s = storedPayload(message);
    assert.equal(s.payload, '');
    assert.ok(s.payload_z);
    assert.equal(s.payload_z[0], CURRENT_DICTIONARY);
    assert.ok(s.payload_z.length < Buffer.byteLength(message));
    assert.equal(payloadText(s), message);
  });

  it('gives the same rows for a big batch (deflated on the worker thread) as one by one', async () => {
    const jsons = Array.from({ length: 450 }, (_, i) =>
      i % 9 === 0 ? `{"n":${i}}` : message.replace('قصف', `قصف ${i}`),
    );
    const batch = await storedPayloads(jsons);
    assert.deepEqual(
      batch.map((s) => ({ payload: s.payload, z: s.payload_z && Buffer.from(s.payload_z).toString('hex') })),
      jsons
        .map(storedPayload)
        .map((s) => ({ payload: s.payload, z: s.payload_z && Buffer.from(s.payload_z).toString('hex') })),
    );
    assert.equal(batch.filter((s) => s.payload_z === null).length, 50);
    assert.deepEqual(batch.map(payloadText), jsons);
  });

  it('keeps a short payload as text', () => {
    const s = storedPayload('{"messageId":"x","reason":"gone"}');
    assert.deepEqual(s, { payload: '{"messageId":"x","reason":"gone"}', payload_z: null });
    assert.equal(payloadText(s), s.payload);
  });

  it('refuses an unknown dictionary, a truncated stream and a row holding both forms', () => {
    const s = storedPayload(message);
    const z = Buffer.from(s.payload_z as Uint8Array);
    assert.throws(() => payloadText({ payload: '', payload_z: Buffer.concat([Buffer.from([250]), z.subarray(1)]) }), {
      name: 'LedgerPayloadError',
      message: /unknown dictionary 250/,
    });
    assert.throws(() => payloadText({ payload: '', payload_z: z.subarray(0, z.length - 8) }), LedgerPayloadError);
    assert.throws(() => payloadText({ payload: message, payload_z: z }), /both as text and compressed/);
  });

  it('is plain raw deflate with a preset dictionary: Python zlib reads it with the dictionary alone', (t) => {
    try {
      execFileSync('python3', ['-c', '1']);
    } catch {
      t.skip('no python3');
      return;
    }
    const s = storedPayload(message);
    const d = LEDGER_DICTIONARIES.get(CURRENT_DICTIONARY)!;
    const py =
      'import sys,zlib,base64;z=base64.b64decode(sys.argv[1]);d=base64.b64decode(sys.argv[2]);' +
      'sys.stdout.write(zlib.decompressobj(-15,zdict=d).decompress(z[1:]).decode())';
    const out = execFileSync('python3', [
      '-c',
      py,
      Buffer.from(s.payload_z as Uint8Array).toString('base64'),
      d.bytes.toString('base64'),
    ]).toString();
    assert.equal(out, message);
  });
});

function suite(name: string, factory: StoreFactory) {
  describe(`ledger dictionaries in the store (${name})`, () => {
    it('holds every dictionary, byte for byte, with its hash, and keeps them through rebuild', async () => {
      const t = await factory();
      try {
        await t.store.rebuild();
        const rows = await t.store.db.selectFrom('ledger_dictionaries').selectAll().orderBy('version').execute();
        assert.deepEqual(
          rows.map((r) => ({ version: Number(r.version), sha256: r.sha256, bytes: Buffer.from(r.dictionary) })),
          [...LEDGER_DICTIONARIES.values()].map((d) => ({ version: d.version, sha256: d.sha256, bytes: d.bytes })),
        );
      } finally {
        await t.dispose();
      }
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
