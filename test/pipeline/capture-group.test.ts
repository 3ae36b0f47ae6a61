import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type BlobRecord,
  captureValidated,
  captureValidatedGroup,
  type PendingMessage,
  validateBatch,
} from '../../src/pipeline/capture.ts';
import type { Store } from '../../src/store/contract.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';

const AT = '2026-01-01T00:00:00Z';

/**
 * Three batches as a bulk import reads them: the second repeats a message of the first and edits another,
 * the third repeats a message of its own batch; each batch brings a blob, the third one the first's again.
 */
function batches(): { messages: PendingMessage[]; blobs: BlobRecord[] }[] {
  const blob = (c: string, name: string): BlobRecord => ({ sha256: c.repeat(64), bytes: 10, name, source: 'test' });
  return [
    {
      messages: [1, 2, 3].map((i) => pending(raw(String(i), `first batch ${i}`), i)),
      blobs: [blob('b', 'one.jsonl')],
    },
    {
      messages: [
        pending(raw('2', 'first batch 2'), 4),
        pending(raw('3', 'first batch 3, edited'), 5),
        pending(raw('4', 'second batch 4'), 6),
      ],
      blobs: [blob('c', 'two.jsonl')],
    },
    {
      messages: [pending(raw('5', 'third batch 5'), 7), pending(raw('5', 'third batch 5'), 8)],
      blobs: [blob('b', 'one.jsonl'), blob('d', 'three.jsonl')],
    },
  ];
}

/** The ledger as kinds and canonical payloads, without the time of writing. */
async function ledger(store: Store): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.readLedger()) out.push(`${e.kind} ${JSON.stringify(e.payload)}`);
  return out;
}

const stores: [string, StoreFactory][] = [['sqlite', sqliteFactory]];
if (PG_URL) stores.push(['postgres', postgresFactory]);

for (const [name, factory] of stores)
  describe(`batches written in one transaction (${name})`, () => {
    it('give the same ledger events, in the same order, and the same outcomes as one transaction each', async () => {
      const one = await factory();
      const grouped = await factory();
      try {
        const opts = { actor: 'test', stages: [] };
        const each = [];
        for (const b of batches())
          each.push(await captureValidated(one.store, validateBatch(b.messages, AT), { ...opts, blobs: b.blobs }));
        const together = await captureValidatedGroup(
          grouped.store,
          batches().map((b) => ({ validated: validateBatch(b.messages, AT), blobs: b.blobs })),
          opts,
        );
        const counts = (o: { new: number; edited: number; unchanged: number }) => [o.new, o.edited, o.unchanged];
        assert.deepEqual(together.map(counts), each.map(counts));
        assert.deepEqual(together.map(counts), [
          [3, 0, 0],
          [1, 1, 1],
          [1, 0, 1],
        ]);
        const a = await ledger(one.store);
        const b = await ledger(grouped.store);
        assert.equal(a.length, 3 + 6, 'three blobs (the repeated one once) and six captured messages (new or edited)');
        assert.deepEqual(b, a);
        // one transaction: every event of the group has the same time of writing
        const times = new Set<string>();
        let prev = '';
        for await (const e of grouped.store.readLedger()) {
          times.add(e.at);
          if (prev) assert.equal(e.prevHash, prev, `event ${e.seq} chains from the one before`);
          prev = e.hash;
        }
        assert.equal(times.size, 1);
      } finally {
        await one.dispose();
        await grouped.dispose();
      }
    });
  });
