import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureBatch } from '../../src/pipeline/capture.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';

const opts = { actor: 't', capturedAt: '2026-01-01T00:00:00Z', stages: [] };
const ONE_SECOND = '2016-12-13T10:00:00+02:00';
const N = 50_000;

async function capture(t: Awaited<ReturnType<StoreFactory>>, from: number, to: number, step: number) {
  let added = 0;
  for (let i = from; i < to; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(i + 1000, to); j += step)
      batch.push(pending(raw(String(j), `m${j}`, { postedAt: ONE_SECOND }), j + 1));
    added += (await captureBatch(t.store, batch, opts)).new;
  }
  return added;
}

function suite(name: string, factory: StoreFactory) {
  describe(`row keys on one timestamp: ${name}`, () => {
    it(`${N} messages posted in the same second all land, in batches, and a re-run adds the rest`, async () => {
      const t = await factory();
      try {
        // every other message first, so the second pass lands between keys bumped by the first
        assert.equal(await capture(t, 0, N, 2), N / 2);
        assert.equal(await capture(t, 0, N, 1), N / 2);
        const row = await t.store.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(row.n), N);
        assert.equal((await t.store.stats()).messages, N);
      } finally {
        await t.dispose();
      }
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
