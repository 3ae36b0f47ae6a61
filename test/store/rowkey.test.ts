import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { captureBatch } from '../../src/pipeline/capture.ts';
import { rowkeyFor, rowkeyRange } from '../../src/store/projections/rowkey.ts';
import { pending, raw } from '../helpers/messages.ts';
import { sqliteFactory } from '../helpers/stores.ts';

const hex = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('row keys', () => {
  it('are exact integers, ordered by time, and bumpable by one', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(-4e12), max: new Date(6e12), noInvalidDate: true }), hex, (d, h) => {
        const k = rowkeyFor(d.toISOString(), h);
        assert.ok(Number.isSafeInteger(k + 1), `${k} + 1 is exact`);
        const { lo, hi } = rowkeyRange(d.toISOString(), d.toISOString());
        assert.ok(lo! <= k && k <= hi!);
      }),
    );
    const a = rowkeyFor('2016-12-13T10:00:00+02:00', 'f'.repeat(64));
    const b = rowkeyFor('2016-12-13T10:00:01+02:00', '0'.repeat(64));
    assert.ok(a < b);
  });

  it('many messages posted in the same second all get their own key', async () => {
    const t = await sqliteFactory();
    try {
      const same = Array.from({ length: 300 }, (_, i) =>
        pending(raw(String(i), `same second ${i}`, { postedAt: '2016-12-13T10:00:00+02:00' }), i + 1),
      );
      const out = await captureBatch(t.store, same, { actor: 't', capturedAt: '2026-01-01T00:00:00Z', stages: [] });
      assert.equal(out.new, 300);
      assert.equal((await t.store.search({ text: 'same', limit: 1000 })).length, 300);

      // Force a collision: park an existing row on the key the next message will want.
      const next = raw('9999', 'collides', { postedAt: '2016-12-13T10:00:00+02:00' });
      const { identityHash } = await import('../../src/core/hash.ts');
      const wanted = rowkeyFor(next.postedAt, identityHash(next));
      const first = await t.store.db.selectFrom('messages').select('id').limit(1).executeTakeFirstOrThrow();
      await t.store.db.updateTable('messages').set({ rowkey: wanted }).where('id', '=', first.id).execute();
      await captureBatch(t.store, [pending(next)], { actor: 't', capturedAt: '2026-01-01T00:00:00Z', stages: [] });
      const row = await t.store.db
        .selectFrom('messages')
        .select('rowkey')
        .where('id', '=', identityHash(next))
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.rowkey), wanted + 1);
    } finally {
      await t.dispose();
    }
  });
});
