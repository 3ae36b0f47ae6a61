import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { placeKey } from '../../src/analysis/extract/place-key.ts';
import { dupSignature } from '../../src/analysis/near-dup.ts';
import {
  DUPLICATES_MERGED,
  DUPLICATES_SPLIT,
  LABEL_CONFIRMED,
  MESSAGE_ANALYZED,
} from '../../src/core/analysis-events.ts';
import { analysisStage } from '../../src/pipeline/analysis-stage.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import type { Store } from '../../src/store/contract.ts';
import { confirmationsJsonl, getMessageTriage } from '../../src/store/queries/analysis.ts';
import { confirmedGroups } from '../../src/store/queries/duplicates.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

const corpus = [
  raw('1', 'استشهاد ٣٠ مدنياً بينهم ٧ أطفال في قصف على حي الشعار', { lang: 'ar' }),
  raw('2', 'Please help us, we are trapped under the rubble in al-Sukkari', { lang: 'en' }),
  raw('3', 'What a match last night, well played', { lang: 'en' }),
];

function suite(name: string, factory: StoreFactory) {
  describe(`analysis projections: ${name}`, () => {
    let t: TestStore;
    let store: Store;
    const idOf: Record<string, string> = {};
    before(async () => {
      t = await factory();
      store = t.store;
      await captureBatch(
        store,
        corpus.map((m, i) => pending(m, i + 1)),
        { actor: 'test', capturedAt: '2026-01-01T00:00:00.000Z', stages: [analysisStage] },
      );
      const names: Record<string, string> = { استشها: 'ar', Please: 'plea', 'What a': 'chat' };
      for (const h of await store.search({ limit: 10 })) idOf[names[h.text.slice(0, 6)]] = h.id;
    });
    after(async () => t?.dispose());

    it('writes a message.analyzed event per captured message, with the model version', async () => {
      const kinds: string[] = [];
      for await (const e of store.readLedger()) kinds.push(e.kind);
      assert.equal(kinds.filter((k) => k === 'message.analyzed').length, corpus.length);
      const tri = await getMessageTriage(store.db, idOf.ar);
      assert.match(tri.analysis?.modelVersion ?? '', /^triage-/);
      assert.deepEqual(tri.analysis?.casualties[0], { kind: 'killed', count: 30, group: 'civilians' });
    });

    it("keeps each text's near-duplicate signature and figure count, and a rebuild writes the same", async () => {
      const signatures = async () =>
        (
          await store.db
            .selectFrom('analyses')
            .innerJoin('messages', 'messages.id', 'analyses.message_id')
            .select(['messages.text', 'analyses.copy_key', 'analyses.simhash', 'analyses.figures'])
            .orderBy('messages.text')
            .execute()
        ).map((r) => ({ ...r, figures: Number(r.figures) }));
      const first = await signatures();
      assert.equal(first.length, corpus.length);
      for (const r of first) {
        const s = dupSignature(r.text);
        assert.deepEqual([r.copy_key, r.simhash], [s.copyKey, s.simhash], r.text);
        assert.match(r.simhash ?? '', /^[0-9a-f]{16}$/);
      }
      assert.deepEqual(
        first.map((r) => r.figures),
        [0, 0, 2],
        'the Arabic report gives two figures (30 civilians, 7 children)',
      );
      const inTimeOrder = async () => {
        if (store.dialect !== 'sqlite') return;
        const r = await sql<{ n: number; aligned: number }>`select count(*) as n,
            sum(case when a.rowid = m.rowkey then 1 else 0 end) as aligned
          from analyses a join messages m on m.id = a.message_id`.execute(store.db);
        assert.deepEqual(r.rows[0], { n: corpus.length, aligned: corpus.length }, 'analysis rowid = message rowkey');
      };
      await inTimeOrder();
      await store.db.updateTable('analyses').set({ copy_key: null, simhash: null, figures: null }).execute();
      await store.rebuild();
      assert.deepEqual(await signatures(), first);
      await inTimeOrder();
    });

    it('an analysis of a message that is not stored takes a rowid below every rowkey (SQLite), twice over', async () => {
      const tri = await getMessageTriage(store.db, idOf.ar);
      assert.ok(tri.analysis);
      const orphans = ['a', 'b'].map((c) => c.repeat(64));
      for (const messageId of orphans)
        await store.append([
          {
            kind: MESSAGE_ANALYZED,
            at: '2026-01-01T02:00:00.000Z',
            actor: 'test',
            payload: { messageId, contentHash: 'c'.repeat(64), analysis: tri.analysis },
          },
        ]);
      const rows = await store.db
        .selectFrom('analyses')
        .select(['message_id', 'copy_key', 'simhash'])
        .where('message_id', 'in', orphans)
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.copy_key, r.simhash]),
        [
          [null, null],
          [null, null],
        ],
        'no text, no signature',
      );
      if (store.dialect === 'sqlite') {
        const ids = await sql<{
          r: string;
        }>`select cast(rowid as text) as r from analyses where message_id in (${sql.join(orphans)}) order by rowid`.execute(
          store.db,
        );
        for (const { r } of ids.rows) assert.ok(BigInt(r) < -(2n ** 53n), r);
      }
      await store.db.deleteFrom('analyses').where('message_id', 'in', orphans).execute();
    });

    it('filters search by category, place and urgency', async () => {
      const ids = async (q: Parameters<Store['search']>[0]) => (await store.search(q)).map((h) => h.id).sort();
      assert.deepEqual(await ids({ category: 'request_for_help' }), [idOf.plea]);
      assert.deepEqual(await ids({ placeKey: placeKey('الشعار') }), [idOf.ar]);
      assert.deepEqual(await ids({ placeKey: placeKey('al-Sukkari') }), [idOf.plea]);
      assert.deepEqual(
        await ids({ placeKey: placeKey('حلب') }),
        [idOf.ar, idOf.plea].sort(),
        'a city finds posts naming its neighbourhoods',
      );
      assert.deepEqual(await ids({ minUrgency: 0.5 }), [idOf.ar, idOf.plea].sort());
    });

    it('a confirmed label outranks the model and survives a rebuild', async () => {
      await store.append([
        {
          kind: LABEL_CONFIRMED,
          at: '2026-01-01T01:00:00.000Z',
          actor: 'desk',
          payload: { messageId: idOf.chat, category: 'sympathy_and_support' },
        },
      ]);
      assert.equal((await getMessageTriage(store.db, idOf.chat)).category, 'sympathy_and_support');
      await store.rebuild();
      const tri = await getMessageTriage(store.db, idOf.chat);
      assert.equal(tri.category, 'sympathy_and_support');
      assert.equal(tri.label?.actor, 'desk');
      assert.deepEqual(
        (await store.search({ category: 'sympathy_and_support' })).map((h) => h.id),
        [idOf.chat],
      );
      assert.equal(
        await confirmationsJsonl(store.db),
        `${JSON.stringify({ text: corpus[2].text, category: 'sympathy_and_support' })}\n`,
      );
    });

    it('people merge and split near-duplicate groups, and the groups survive a rebuild', async () => {
      const [a, b, c] = [idOf.ar, idOf.plea, idOf.chat];
      await store.append([
        { kind: DUPLICATES_MERGED, at: '2026-01-01T02:00:00.000Z', actor: 'desk', payload: { messageIds: [a, b] } },
      ]);
      await store.append([
        { kind: DUPLICATES_MERGED, at: '2026-01-01T02:01:00.000Z', actor: 'desk', payload: { messageIds: [c, b] } },
      ]);
      assert.deepEqual(
        [...(await confirmedGroups(store.db))].map(([g, m]) => [g, m.sort()]),
        [[a, [a, b, c].sort()]],
      );
      await store.append([
        { kind: DUPLICATES_SPLIT, at: '2026-01-01T02:02:00.000Z', actor: 'desk', payload: { messageIds: [c] } },
      ]);
      await store.rebuild();
      assert.deepEqual(
        [...(await confirmedGroups(store.db))].map(([g, m]) => [g, m.sort()]),
        [[a, [a, b].sort()]],
      );
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
