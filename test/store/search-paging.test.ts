import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { captureBatch } from '../../src/pipeline/capture.ts';
import type { SearchHit, SearchQuery, Store } from '../../src/store/contract.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

const opts = { actor: 'test', capturedAt: '2026-01-01T00:00:00.000Z', stages: [] };
const at = (minute: number) => `2016-12-13T10:${String(minute).padStart(2, '0')}:00+02:00`;

// 'shell' as a whole word in 5 posts, only as a prefix (shelling, shells, shelled) in 7, in neither in 3;
// interleaved in time, so whole words run out in the middle of the prefix matches.
const kinds = [
  'word',
  'prefix',
  'prefix',
  'word',
  'other',
  'prefix',
  'word',
  'prefix',
  'prefix',
  'other',
  'word',
  'prefix',
  'word',
  'prefix',
  'other',
];
const textOf = (kind: string, i: number) =>
  kind === 'word'
    ? `a shell hit the bakery, report ${i}`
    : kind === 'prefix'
      ? `${['shelling', 'shells', 'shelled'][i % 3]} near the school, report ${i}`
      : `calm morning by the river, report ${i}`;
const corpus = kinds.map((kind, i) => ({
  kind,
  m: raw(String(100 + i), textOf(kind, i), { postedAt: at(i), lang: 'en' }),
}));

/** Every page of a search, by offset or by the last hit's cursor, until a short page. */
async function pages(store: Store, q: SearchQuery, by: 'offset' | 'after'): Promise<SearchHit[][]> {
  const limit = q.limit ?? 20;
  const out: SearchHit[][] = [];
  for (let n = 0; n < 50; n++) {
    const last = out.at(-1)?.at(-1);
    const page = await store.search(
      by === 'offset' ? { ...q, offset: n * limit } : { ...q, after: last?.cursor ?? q.after },
    );
    out.push(page);
    if (page.length < limit) return out;
  }
  throw new Error('paging did not end');
}

function suite(name: string, factory: StoreFactory) {
  describe(`search paging: ${name}`, () => {
    let t: TestStore;
    let store: Store;
    /** Ids newest first, by kind. */
    const ids: Record<string, string[]> = { word: [], prefix: [], other: [] };
    let newestFirst: string[] = [];
    before(async () => {
      t = await factory();
      store = t.store;
      await captureBatch(
        store,
        corpus.map(({ m }, i) => pending(m, i + 1)),
        opts,
      );
      const all = await store.search({ limit: 100 });
      assert.equal(all.length, corpus.length);
      newestFirst = all.map((h) => h.id);
      for (const h of all) ids[corpus.find((c) => c.m.text === h.text)!.kind].push(h.id);
    });
    after(async () => t?.dispose());

    const flat = (ps: SearchHit[][]) => ps.flat().map((h) => h.id);
    const assertNoRepeats = (got: string[]) => assert.equal(new Set(got).size, got.length, `repeated ids: ${got}`);
    const shellish = () => newestFirst.filter((id) => !ids.other.includes(id));

    it('whole words fill the first page: every page stays whole words, none repeats or is skipped', async () => {
      const q = { text: 'shell', limit: 3 };
      for (const by of ['offset', 'after'] as const) {
        const ps = await pages(store, q, by);
        assert.deepEqual(
          ps.map((p) => p.length),
          [3, 2],
          by,
        );
        const got = flat(ps);
        assertNoRepeats(got);
        assert.deepEqual(got, ids.word, `${by}: the 5 whole-word posts, newest first`);
      }
    });

    it('whole words do not fill the first page: every page stays prefixes', async () => {
      const q = { text: 'shell', limit: 6 };
      for (const by of ['offset', 'after'] as const) {
        const got = flat(await pages(store, q, by));
        assertNoRepeats(got);
        assert.deepEqual(got, shellish(), `${by}: all 12 whole-word and prefix posts, newest first`);
      }
    });

    it('partial words page like the rest (pages after the first are not empty)', async () => {
      const q = { text: 'hell', limit: 5 };
      for (const by of ['offset', 'after'] as const) {
        const ps = await pages(store, q, by);
        assert.deepEqual(
          ps.map((p) => p.length),
          [5, 5, 2],
          by,
        );
        assert.deepEqual(flat(ps), shellish(), by);
      }
    });

    it('ranked pages partition the ranked window', async () => {
      const q: SearchQuery = { text: 'shell', order: 'relevance', limit: 4 };
      const whole = (await store.search({ ...q, limit: 100 })).map((h) => h.id);
      assert.deepEqual([...whole].sort(), shellish().sort());
      for (const by of ['offset', 'after'] as const) {
        const ps = await pages(store, q, by);
        assert.ok(ps.flat().every((h) => typeof h.score === 'number'));
        assert.deepEqual(flat(ps), whole, by);
      }
    });

    it('lists without words page by cursor too', async () => {
      const got = flat(await pages(store, { limit: 4 }, 'after'));
      assert.deepEqual(got, newestFirst);
    });

    it('refuses a cursor from another search, a malformed one, and a cursor with an offset', async () => {
      const [hit] = await store.search({ text: 'shell', limit: 1 });
      await assert.rejects(store.search({ text: 'bakery', after: hit.cursor }), /another search/);
      await assert.rejects(store.search({ text: 'shell', order: 'relevance', after: hit.cursor }), /another search/);
      await assert.rejects(store.search({ text: 'shell', after: 'not-a-cursor' }), /not a search cursor/);
      await assert.rejects(store.search({ text: 'shell', after: hit.cursor, offset: 1 }), /cannot be combined/);
      assert.equal((await store.search({ text: 'shell', limit: 3, after: hit.cursor })).length, 3, 'limit may change');
    });

    // Last: it adds messages.
    it('a cursor keeps its mode and position while new messages arrive', async () => {
      const first = await store.search({ text: 'shell', limit: 6 });
      assert.deepEqual(
        first.map((h) => h.id),
        shellish().slice(0, 6),
        'prefix mode: 5 whole words do not fill 6',
      );
      // Three more whole-word posts: one newer than everything, two older than the first page's end.
      const more = [
        raw('200', 'another shell at dawn', { postedAt: at(30), lang: 'en' }),
        raw('201', 'a shell on the market', { postedAt: at(0).replace('10:00', '09:58'), lang: 'en' }),
        raw('202', 'one more shell tonight', { postedAt: at(0).replace('10:00', '09:59'), lang: 'en' }),
      ];
      await captureBatch(
        store,
        more.map((m, i) => pending(m, 100 + i)),
        opts,
      );
      assert.equal((await store.search({ text: 'shell', limit: 6 })).length, 6);
      const fresh = (await store.search({ text: 'shell', limit: 100 })).map((h) => h.id);
      assert.equal(fresh.length, 15);

      const rest = flat(await pages(store, { text: 'shell', limit: 6, after: first.at(-1)!.cursor }, 'after'));
      // Still prefixes (a fresh search would now pick whole words: 8 fill 6), continuing below the
      // first page: the rest of the original matches, then the two older posts; not the newer one.
      const older = fresh.slice(-2);
      assert.deepEqual(rest, [...shellish().slice(6), ...older]);
      const freshWords = await store.search({ text: 'shell', limit: 6 });
      assert.ok(
        freshWords.every((h) => /\bshell\b/.test(h.text)),
        'a fresh search decides again: whole words',
      );
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
else describe('search paging: postgres', () => it('needs VIGIL_TEST_PG_URL (set by .ci/run)', (t) => t.skip()));
