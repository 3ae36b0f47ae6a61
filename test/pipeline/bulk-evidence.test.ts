import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { verifyAll } from '../../src/evidence/verify.ts';
import { importPath } from '../../src/pipeline/import.ts';
import type { Store } from '../../src/store/contract.ts';
import { messageVersionHistory } from '../../src/store/queries/message-versions.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';
import { tamperPayload } from '../helpers/tamper-ledger.ts';

// Enough for several 1000-message batches; every 50 messages share one second (row-key bumps).
const N = 4500;

function corpus(file: string, n: number, edited = false): void {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      platform: i % 3 ? 'twitter' : 'telegram',
      id: String(i),
      author: `user${i % 113}`,
      postedAt: new Date(Date.UTC(2016, 11, 10) + Math.floor(i / 50) * 1000).toISOString(),
      text: `${i % 2 ? `رسالة رقم ${i} من حلب` : `shelling report number ${i} from Aleppo`}${edited ? ' (edited)' : ''}`,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Everything a person can see of the working tier that a rebuild must give back. */
async function snapshot(store: Store) {
  const db = store.db;
  const messages = await db.selectFrom('messages').selectAll().orderBy('rowkey').execute();
  const versions = await db.selectFrom('message_versions').selectAll().orderBy('id').orderBy('seq').execute();
  const counts = await db.selectFrom('message_counts').selectAll().orderBy('kind').orderBy('value').execute();
  const analyses = await db
    .selectFrom('analyses')
    .select(['message_id', 'content_hash', 'category', 'urgency', 'analysis', 'copy_key', 'simhash'])
    .orderBy('message_id')
    .execute();
  const partial = await store.search({ text: 'hellin', limit: 50 });
  const words = await store.search({ text: 'حلب', limit: 50 });
  return {
    messages: messages.map((m) => ({ ...m, rowkey: Number(m.rowkey), seq: Number(m.seq) })),
    versions: versions.map((v) => ({ ...v, seq: Number(v.seq) })),
    counts: counts.map((c) => ({ ...c, messages: Number(c.messages) })),
    analyses,
    partial: partial.map((h) => h.id),
    words: words.map((h) => h.id),
  };
}

function suite(name: string, factory: StoreFactory) {
  describe(`bulk load keeps the evidence guarantees: ${name}`, () => {
    it(`after ${N} messages and an edited re-import, verify re-derives every hash and rebuild gives the same working tier`, async () => {
      const t = await factory();
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const first = join(t.dir, 'first.jsonl');
        const second = join(t.dir, 'second.jsonl');
        corpus(first, N);
        corpus(second, 300, true);
        const a = await importPath({ store: t.store, blobs }, first);
        assert.equal(a.new, N);
        const b = await importPath({ store: t.store, blobs }, second);
        assert.equal(b.edited, 300);

        const captured = await t.store.db
          .selectFrom('ledger')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'message.captured')
          .executeTakeFirstOrThrow();
        assert.equal(Number(captured.n), N + 300, 'every message and every edit is a ledger event');

        const report = await verifyAll(t.store, blobs);
        assert.equal(report.ok, true, JSON.stringify(report.break));
        assert.equal(report.events, (await t.store.ledgerHead()).seq);
        assert.equal(report.blobs, 2);

        const before = await snapshot(t.store);
        assert.equal(before.messages.length, N);
        // Rows only for the 300 messages captured twice (both versions each); one version is its messages row.
        assert.equal(before.versions.length, 2 * 300);
        const edited = before.messages.find((m) => m.versions === 2)!;
        const once = before.messages.find((m) => m.versions === 1)!;
        const history = await messageVersionHistory(t.store.db, {
          id: edited.id,
          contentHash: edited.content_hash,
          seq: edited.seq,
          capturedAt: edited.captured_at,
        });
        assert.equal(history.length, 2);
        assert.equal(history[1].seq, edited.seq);
        assert.notEqual(history[0].contentHash, edited.content_hash);
        assert.deepEqual(
          await messageVersionHistory(t.store.db, {
            id: once.id,
            contentHash: once.content_hash,
            seq: once.seq,
            capturedAt: once.captured_at,
          }),
          [{ contentHash: once.content_hash, seq: once.seq, capturedAt: once.captured_at }],
        );
        assert.equal(before.partial.length, 50, 'a partial word finds messages whose trigrams were deferred');
        assert.ok(before.words.length > 0);
        assert.equal(before.analyses.length, N);

        assert.equal((await t.store.rebuild()).events, report.events);
        assert.deepEqual(await snapshot(t.store), before);
        assert.equal((await verifyAll(t.store, blobs)).ok, true);

        // verify reads the originals: one changed payload in the middle of the bulk load is found.
        const middle = await t.store.db
          .selectFrom('ledger')
          .select('seq')
          .where('kind', '=', 'message.captured')
          .orderBy('seq')
          .offset(N / 2)
          .limit(1)
          .executeTakeFirstOrThrow();
        const seq = Number(middle.seq);
        assert.notEqual(
          (await t.store.db.selectFrom('ledger').select('payload_z').where('seq', '=', seq).executeTakeFirstOrThrow())
            .payload_z,
          null,
          'a bulk-loaded payload is stored compressed',
        );
        await tamperPayload(t.store.db, seq, (text) => text.replace('number', 'numbr'));
        const broken = await verifyAll(t.store, blobs);
        assert.equal(broken.ok, false);
        assert.equal(broken.break?.seq, seq);
        assert.match(broken.break?.what ?? '', /hash does not match/);
      } finally {
        await t.dispose();
      }
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
