import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import { sha256Hex } from '../../src/core/hash.ts';
import { canonicalPayload, chainEvents, eventBody, GENESIS_HASH, hashEvent } from '../../src/core/ledger-event.ts';

const payloads: unknown[] = [
  { id: 'a'.repeat(64), message: { text: 'قُتِلَ "quoted" \\ \n\t emoji 🙂', n: 1.5e21, z: -0, list: [1, null, 'x'] } },
  { sha256: 'b'.repeat(64), bytes: 12, name: 'x\u2028y' },
  [],
  'plain',
  { '\u00e9': 1, e: 2, E: 3, '': 4 },
];

test('eventBody is the canonical JSON of the event without its hash (the definition the chain was built on)', () => {
  for (const [i, payload] of payloads.entries()) {
    const e = {
      seq: i + 1,
      at: '2016-12-13T10:00:00.000Z',
      actor: 'importer:jsonl "x"',
      kind: 'message.captured',
      payload,
      prevHash: GENESIS_HASH,
    };
    const definition = canonicalJson({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      payload,
      prevHash: e.prevHash,
    });
    assert.equal(eventBody(e), definition);
    assert.equal(eventBody(e, canonicalJson(payload)), definition);
    assert.equal(hashEvent(e), sha256Hex(definition));
  }
});

test('chainEvents hashes each event over its canonical body and keeps the payload JSON it hashed', () => {
  const events = chainEvents(
    { seq: 0, hash: GENESIS_HASH },
    payloads.map((payload) => ({ kind: 'k', at: '2016-12-13T10:00:00.000Z', actor: 'a', payload })),
  );
  let prev = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    assert.equal(e.seq, i + 1);
    assert.equal(e.prevHash, prev);
    const { hash, ...rest } = e;
    assert.equal(hash, sha256Hex(canonicalJson(rest)));
    assert.equal(canonicalPayload(e), canonicalJson(e.payload));
    prev = hash;
  }
});

test('eventBody refuses a seq that is not an integer', () => {
  assert.throws(() => eventBody({ seq: 1.5, at: '', actor: '', kind: '', payload: {}, prevHash: '' }), /seq/);
});
