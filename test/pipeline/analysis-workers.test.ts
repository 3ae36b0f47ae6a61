import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasDefaultModel } from '../../src/analysis/classify/model-files.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { verifyAll } from '../../src/evidence/verify.ts';
import { AnalysisPool } from '../../src/pipeline/analysis-workers/pool.ts';
import { type ImportOptions, importPath } from '../../src/pipeline/import.ts';
import type { Store } from '../../src/store/contract.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

const N = 2600;
const BATCH = 400;
const NOW = () => new Date('2026-12-05T12:00:00.000Z');

const TEXTS = [
  (i: number) => `قصف على حي الشعار في حلب، ${i % 9} شهداء و${i % 7} جرحى يوم الثلاثاء`,
  (i: number) => `Shelling near Aleppo citadel this morning, ${i % 11} killed, many injured. Please help us #${i}`,
  (i: number) => `we are still alive in Bustan al-Qasr, no water since December ${1 + (i % 28)}`,
  (i: number) => `نحن بحاجة إلى ماء وطعام، الوضع في الأحياء الشرقية صعب جداً ${i}`,
  (i: number) => `evacuation buses expected tomorrow at Ramouseh, nothing confirmed (${i})`,
];

/** A corpus with a few rejected lines and, when `edited`, a changed text on every other message. */
function corpus(file: string, n: number, edited = false): void {
  const lines = Array.from({ length: n }, (_, i) =>
    i % 997 === 500
      ? '{"platform":"twitter","id":'
      : JSON.stringify({
          platform: i % 3 ? 'twitter' : 'telegram',
          id: String(i),
          author: `user${i % 57}`,
          postedAt: new Date(Date.UTC(2016, 11, 10) + i * 60_000).toISOString(),
          text: `${TEXTS[i % TEXTS.length](i)}${edited && i % 2 ? ' (edited)' : ''}`,
        }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The ledger without its chaining (capture events are dated by the clock) and the analysis rows. */
async function outcome(store: Store) {
  const ledger = [];
  for await (const e of store.readLedger()) {
    const { hash: _h, prevHash: _p, ...rest } = e;
    ledger.push(e.kind === 'message.analyzed' ? rest : { seq: e.seq, kind: e.kind, payload: e.payload });
  }
  const analyses = await store.db.selectFrom('analyses').selectAll().orderBy('message_id').execute();
  const places = await store.db
    .selectFrom('message_places')
    .selectAll()
    .orderBy('message_id')
    .orderBy('place')
    .execute();
  // The full-text index (its text is computed on the workers too): words, stems, both scripts.
  const search = [];
  for (const text of ['حلب', 'جرحى', 'Aleppo', 'injured', 'water', 'edited'])
    search.push({ text, ids: (await store.search({ text, limit: 5000 })).map((h) => h.id).sort() });
  // The message.analyzed rows as stored (canonical JSON, deflated): the workers prepare them, byte for byte.
  const stored = (
    await store.db
      .selectFrom('ledger')
      .select(['seq', 'payload', 'payload_z'])
      .where('kind', '=', 'message.analyzed')
      .orderBy('seq')
      .execute()
  ).map((r) => `${r.seq} ${r.payload} ${Buffer.from(r.payload_z ?? []).toString('base64')}`);
  return { ledger, analyses: analyses.map((a) => ({ ...a, seq: Number(a.seq) })), places, search, stored };
}

/** Equal, row by row: a failure names the first row that differs (a diff of thousands of rows takes minutes). */
function sameRows(got: Awaited<ReturnType<typeof outcome>>, expected: Awaited<ReturnType<typeof outcome>>): void {
  for (const key of ['ledger', 'analyses', 'places', 'search', 'stored'] as const) {
    assert.equal(got[key].length, expected[key].length, `${key}: as many rows`);
    const i = got[key].findIndex((row, j) => JSON.stringify(row) !== JSON.stringify(expected[key][j]));
    if (i >= 0) assert.deepEqual(got[key][i], expected[key][i], `${key}: row ${i}`);
  }
}

function suite(name: string, factory: StoreFactory) {
  describe(`analysis on worker threads: ${name}`, { skip: !hasDefaultModel() && 'no triage model' }, () => {
    let pool: AnalysisPool;
    before(async () => {
      pool = new AnalysisPool(1);
      await pool.whenReady();
    });
    after(() => pool.close());

    async function load(t: TestStore, analysisWorkers: ImportOptions['analysisWorkers']) {
      const blobs = new BlobStore(join(t.dir, 'blobs'));
      const first = join(t.dir, 'first.jsonl');
      const second = join(t.dir, 'second.jsonl');
      corpus(first, N);
      corpus(second, 600, true);
      const opts = { batchSize: BATCH, now: NOW, analysisWorkers };
      const a = await importPath({ store: t.store, blobs }, first, opts);
      const b = await importPath({ store: t.store, blobs }, second, opts);
      return { a, b, blobs };
    }

    it('gives the same ledger events and analysis rows as analyzing inline, and verify and rebuild pass', async () => {
      const inline = await factory();
      const workers = await factory();
      try {
        const one = await load(inline, { workers: 0 });
        const analyzedBefore = pool.analyzed;
        const two = await load(workers, { pool });
        // The workers did analyze: every new message of the first file, and only the edited ones of the second.
        assert.equal(pool.analyzed - analyzedBefore, one.a.new + one.b.edited);
        assert.equal(one.a.new, N - 3);
        assert.equal(one.b.edited, 300);
        // The same summaries (read, new, rejections), but for the folder and the duration.
        const plain = (summary: object, dir: string) =>
          JSON.parse(JSON.stringify({ ...summary, durationMs: 0 }).replaceAll(dir, 'DIR'));
        assert.deepEqual(plain(two.a, workers.dir), plain(one.a, inline.dir));
        assert.deepEqual(plain(two.b, workers.dir), plain(one.b, inline.dir));

        const expected = await outcome(inline.store);
        const got = await outcome(workers.store);
        assert.equal(got.analyses.length, N - 3);
        assert.ok(got.places.length > 0);
        assert.ok(got.search.every((s) => s.ids.length > 0));
        sameRows(got, expected);

        const report = await verifyAll(workers.store, two.blobs);
        assert.equal(report.ok, true, JSON.stringify(report.break));
        await workers.store.rebuild();
        sameRows(await outcome(workers.store), expected);
        assert.equal((await verifyAll(workers.store, two.blobs)).ok, true);
      } finally {
        await inline.dispose();
        await workers.dispose();
      }
    });

    it('analyzes inline when a worker fails, and the import goes on', async () => {
      const t = await factory();
      const broken = new AnalysisPool(1);
      await broken.whenReady();
      await broken.close();
      try {
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const file = join(t.dir, 'one.jsonl');
        corpus(file, 900);
        const s = await importPath({ store: t.store, blobs }, file, {
          batchSize: 300,
          now: NOW,
          analysisWorkers: { pool: broken },
        });
        assert.deepEqual(s.stageFailures, {});
        assert.match(s.warnings.join('\n'), /analysis ran on the main thread after its workers failed/);
        const n = await t.store.db
          .selectFrom('analyses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(n.n), s.new);
        assert.equal(s.new, 899);
      } finally {
        await t.dispose();
      }
    });
  });
}

suite('SQLite', sqliteFactory);
if (PG_URL) suite('PostgreSQL', postgresFactory);
