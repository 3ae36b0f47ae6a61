import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { GENESIS_HASH, hashEvent } from '../../src/core/ledger-event.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import type { Store, StoreStats } from '../../src/store/contract.ts';
import { messageCountsMigration } from '../../src/store/migrations/202612011200-message-counts.ts';
import { MessageCountChanges } from '../../src/store/projections/message-counts.ts';
import { pending, raw } from '../helpers/messages.ts';
import type { StoreFactory, TestStore } from '../helpers/stores.ts';

/** What stats() reports about messages, counted by scanning the messages table itself. */
async function scannedStats(
  store: Store,
): Promise<Pick<StoreStats, 'messages' | 'authors' | 'byPlatform' | 'byLanguage'>> {
  const rows = await store.db.selectFrom('messages').select(['platform', 'lang', 'author_id']).execute();
  const byPlatform: Record<string, number> = {};
  const byLanguage: Record<string, number> = {};
  for (const r of rows) {
    byPlatform[r.platform] = (byPlatform[r.platform] ?? 0) + 1;
    byLanguage[r.lang ?? 'und'] = (byLanguage[r.lang ?? 'und'] ?? 0) + 1;
  }
  return { messages: rows.length, authors: new Set(rows.map((r) => r.author_id)).size, byPlatform, byLanguage };
}

async function countedStats(
  store: Store,
): Promise<Pick<StoreStats, 'messages' | 'authors' | 'byPlatform' | 'byLanguage'>> {
  const { messages, authors, byPlatform, byLanguage } = await store.stats();
  return { messages, authors, byPlatform, byLanguage };
}

const opts = { actor: 'test', capturedAt: '2026-01-01T00:00:00.000Z', stages: [] };

const corpus = [
  raw('1', 'قُتِلَ ٣٠ مدنياً تحت الأنقاض في حي الشعار', { lang: 'ar' }),
  raw('2', 'Shelling on al-Shaar again, 30 civilians killed under the rubble', { lang: 'en' }),
  raw('3', 'نحتاج إلى أطفال مساعدة طبية عاجلة في المستشفى', { lang: 'ar', platform: 'telegram' }),
  raw('4', 'We are alive. The children are safe for now.', { lang: 'en', author: { id: 'lina', handle: 'lina_h' } }),
  raw('5', 'والأطفال في الملاجئ بلا طعام', { lang: 'ar', postedAt: '2016-12-15T09:00:00+02:00' }),
  raw('6', 'Evacuation buses have not arrived at Ramouseh', { lang: 'en', postedAt: '2016-12-11T09:00:00+02:00' }),
];

/** The same contract tests for every store implementation. */
export function storeSuite(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let t: TestStore;
    let store: Store;
    before(async () => {
      t = await factory();
      store = t.store;
      const out = await captureBatch(
        store,
        corpus.map((m, i) => pending(m, i + 1)),
        opts,
      );
      assert.equal(out.new, corpus.length);
    });
    after(async () => t?.dispose());

    it('chains every event onto the previous hash', async () => {
      let prev = GENESIS_HASH;
      let seq = 0;
      for await (const e of store.readLedger()) {
        assert.equal(e.seq, ++seq);
        assert.equal(e.prevHash, prev);
        const { hash, ...body } = e;
        assert.equal(hashEvent(body), hash);
        prev = hash;
      }
      assert.equal(seq, corpus.length);
      assert.deepEqual(await store.ledgerHead(), { seq, hash: prev });
    });

    it('re-capturing the same messages adds nothing; a changed text is a new version', async () => {
      const again = await captureBatch(
        store,
        corpus.map((m, i) => pending(m, i + 1)),
        opts,
      );
      assert.deepEqual([again.new, again.unchanged, again.edited], [0, corpus.length, 0]);
      const edited = await captureBatch(store, [pending({ ...corpus[5], text: `${corpus[5].text} (edited)` })], opts);
      assert.equal(edited.edited, 1);
      const hits = await store.search({ text: 'edited' });
      assert.equal(hits.length, 1);
      const m = await store.getMessage(hits[0].id);
      assert.equal(m?.versions, 2);
      assert.equal((await store.search({ text: 'Ramouseh' })).length, 1, 'the edited row is indexed once');
    });

    it('normalizes Arabic the same way at index and query time', async () => {
      const ids = async (text: string) => (await store.search({ text })).map((h) => h.id).sort();
      const one = (await store.search({ text: 'الشعار' }))[0].id;
      assert.deepEqual(await ids('قتل'), [one], 'قتل finds قُتِلَ');
      assert.deepEqual(await ids('قُتِلَ'), [one]);
      assert.equal((await ids('اطفال')).length, 2, 'اطفال finds أطفال and والأطفال');
      assert.equal((await ids('أطفال')).length, 2);
      const thirty = await store.search({ text: '30' });
      assert.equal(thirty.length, 2, '30 finds ٣٠ too');
      assert.equal((await store.search({ text: '٣٠' })).length, 2);
    });

    it('matches prefixes and partial words', async () => {
      assert.equal((await store.search({ text: 'evacu' })).length, 1);
      assert.equal((await store.search({ text: 'مستشف' })).length, 1);
      assert.equal((await store.search({ text: 'نقاض' })).length, 1, 'partial: نقاض inside الأنقاض');
      assert.equal((await store.search({ text: 'helling' })).length, 1, 'partial: helling inside Shelling');
      assert.equal((await store.search({ text: 'zzzqqq' })).length, 0);
    });

    it('filters by platform, author, language and time, newest first', async () => {
      assert.deepEqual(
        (await store.search({ platform: 'telegram' })).map((h) => h.platform),
        ['telegram'],
      );
      assert.equal((await store.search({ author: '@lina_h' })).length, 1);
      assert.equal((await store.search({ author: 'lina' })).length, 1);
      assert.ok((await store.search({ lang: 'ar' })).every((h) => h.lang === 'ar'));
      const all = await store.search({ limit: 100 });
      assert.equal(all.length, corpus.length);
      const times = all.map((h) => Date.parse(h.postedAt));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      const window = await store.search({ since: '2016-12-12T00:00:00Z', until: '2016-12-14T00:00:00Z', limit: 100 });
      assert.equal(window.length, 4);
      const first = await store.search({ text: 'children OR', limit: 1 });
      assert.equal(first.length, 0, 'terms are ANDed');
    });

    it('ranks by relevance when asked and marks matches in snippets', async () => {
      const hits = await store.search({ text: 'children safe', order: 'relevance' });
      assert.equal(hits.length, 1);
      assert.match(hits[0].snippet, /\[\[children\]\]/);
      const marked = hits[0].marks.map(({ start, end }) => hits[0].excerpt.slice(start, end).toLowerCase());
      assert.ok(marked.includes('children') && marked.includes('safe'), `marks: ${marked.join(', ')}`);
      assert.ok(!hits[0].excerpt.includes('[['), 'the excerpt carries no markers');
      const ar = await store.search({ text: 'الانقاض' });
      assert.match(ar[0].snippet, /\[\[الأنقاض\]\]/);
      assert.deepEqual(
        ar[0].marks.map(({ start, end }) => ar[0].excerpt.slice(start, end)),
        ['الأنقاض'],
      );
    });

    it('finds a message by id prefix and refuses an ambiguous or malformed one', async () => {
      const hit = (await store.search({ text: 'Ramouseh' }))[0];
      assert.equal((await store.getMessage(hit.id.slice(0, 12)))?.id, hit.id);
      await assert.rejects(store.getMessage('zz'), /not a message id/);
      assert.equal(await store.getMessage('0123456789'), undefined);
    });

    it('stats() keeps the totals a scan of messages gives through new messages, edits and re-imports', async () => {
      const start = await countedStats(store);
      assert.deepEqual(start, await scannedStats(store));
      assert.deepEqual(start, {
        messages: 6,
        authors: 6,
        byPlatform: { twitter: 5, telegram: 1 },
        byLanguage: { ar: 3, en: 3 },
      });
      const batch = [
        // new, no language, an author already counted
        raw('7', 'Still here, no power since morning', {
          platform: 'whatsapp',
          author: { id: 'lina', handle: 'lina_h' },
        }),
        // an edit of a stored message whose language changes from en to ar
        raw('2', 'قصف على الشعار مرة أخرى', { lang: 'ar' }),
        // unchanged
        corpus[0],
        // new and edited in the same batch: one message, one new author
        raw('8', 'The last hospital is out of fuel', { lang: 'en' }),
        raw('8', 'The last hospital is out of fuel and oxygen', { lang: 'en' }),
      ];
      const out = await captureBatch(
        store,
        batch.map((m, i) => pending(m, i + 1)),
        opts,
      );
      assert.deepEqual([out.new, out.edited, out.unchanged], [2, 2, 1]);
      const after = await countedStats(store);
      assert.deepEqual(after, await scannedStats(store));
      assert.deepEqual(after, {
        messages: 8,
        authors: 7,
        byPlatform: { twitter: 6, telegram: 1, whatsapp: 1 },
        byLanguage: { ar: 4, en: 3, und: 1 },
      });
      const again = await captureBatch(
        store,
        batch.map((m, i) => pending(m, i + 1)),
        opts,
      );
      // 8's first text differs from the stored (second) one again: two more edits, nothing new.
      assert.deepEqual([again.new, again.edited, again.unchanged], [0, 2, 3]);
      assert.deepEqual(await countedStats(store), after, 're-importing the same items changes no total');
      assert.deepEqual(await countedStats(store), await scannedStats(store));
    });

    it('the totals migration counts the messages a store already has', async () => {
      const expected = await countedStats(store);
      await sql`drop table message_counts`.execute(store.db);
      await sql`drop table message_authors`.execute(store.db);
      await store.db.deleteFrom('vigil_migrations').where('name', '=', messageCountsMigration.name).execute();
      await store.migrate();
      assert.deepEqual(await countedStats(store), expected);
      assert.deepEqual(await countedStats(store), await scannedStats(store));
    });

    it('rebuild drops the working tier and gives identical results', async () => {
      const queries = [{ text: 'اطفال' }, { text: '30' }, { limit: 100 }, { platform: 'twitter' }, { text: 'edited' }];
      const before = await Promise.all(queries.map((q) => store.search(q)));
      const statsBefore = await store.stats();
      const m = await store.getMessage(before[4][0].id);
      for (const table of ['messages', 'message_counts', 'message_authors'] as const)
        await store.db.deleteFrom(table).execute();
      assert.equal((await store.stats()).messages, 0);
      const { events } = await store.rebuild();
      assert.equal(events, statsBefore.ledgerEvents);
      assert.deepEqual(await Promise.all(queries.map((q) => store.search(q))), before);
      assert.deepEqual(await store.stats(), statsBefore);
      assert.deepEqual(await countedStats(store), await scannedStats(store));
      assert.deepEqual(await store.getMessage(before[4][0].id), m);
    });

    it('a message taken away comes off the totals, and its author with their last message', async () => {
      // No projector removes messages yet; this is the path one that does (redaction) would take.
      const rows = await store.db
        .selectFrom('messages')
        .select(['id', 'platform', 'lang', 'author_id'])
        .where('author_id', 'in', ['lina', 'u1'])
        .execute();
      const linasSecond = rows.find((r) => r.author_id === 'lina' && r.platform === 'whatsapp')!;
      const u1sOnly = rows.find((r) => r.author_id === 'u1')!;
      assert.equal(rows.length, 3);
      const start = await countedStats(store);
      await store.db.deleteFrom('messages').where('id', 'in', [linasSecond.id, u1sOnly.id]).execute();
      const changes = new MessageCountChanges();
      changes.removed(linasSecond);
      changes.removed(u1sOnly);
      await changes.write(store.db, store.dialect);
      const after = await countedStats(store);
      assert.deepEqual(after, await scannedStats(store));
      assert.equal(after.messages, start.messages - 2);
      assert.equal(after.authors, start.authors - 1, 'lina keeps a message; u1 had one');
      assert.equal(after.byPlatform.whatsapp, undefined);
      assert.equal(after.byLanguage.und, undefined);
    });
  });
}
