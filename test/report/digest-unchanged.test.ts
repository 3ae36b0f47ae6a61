import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildDigest } from '../../src/report/build-digest.ts';
import { renderDigest } from '../../src/report/render.ts';
import { digestOptions } from '../../src/report/window.ts';
import type { Store } from '../../src/store/contract.ts';
import { analysesInTimeOrderMigration } from '../../src/store/migrations/202612052131-analyses-in-time-order.ts';
import { createTestDatabase, PG_URL } from '../helpers/stores.ts';
import { demoDataDir } from './demo-digest.ts';
import { DEMO_DIGEST_CASES } from './demo-digest-cases.ts';
import { mergedDemoDigest } from './demo-merged.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/digest/${name}.json`, import.meta.url), 'utf8');
const now = () => new Date('2026-12-05T00:00:00Z');

const stores: [string, () => Promise<{ url?: string; drop?: () => Promise<void> }>][] = [['sqlite', async () => ({})]];
if (PG_URL) stores.push(['postgres', createTestDatabase]);

interface DemoStore {
  store: Store;
  close(): Promise<void>;
}

/** The demo scenario written into a fresh data folder (and, for PostgreSQL, a throwaway database), opened. */
async function openDemoStore(
  database: () => Promise<{ url?: string; drop?: () => Promise<void> }>,
): Promise<DemoStore> {
  const db = await database();
  const saved = process.env.VIGIL_DATABASE_URL;
  if (db.url) process.env.VIGIL_DATABASE_URL = db.url;
  let data: string;
  try {
    data = await demoDataDir();
  } finally {
    if (saved === undefined) delete process.env.VIGIL_DATABASE_URL;
    else process.env.VIGIL_DATABASE_URL = saved;
  }
  const store = await openVigilStore({ dataDir: data, ...(db.url ? { databaseUrl: db.url } : {}) });
  return {
    store,
    async close() {
      await store.close();
      await db.drop?.();
      await rm(data, { recursive: true, force: true });
    },
  };
}

for (const [name, database] of stores)
  describe(`the demo digests on ${name} are byte for byte what they were before the digest was made fast`, () => {
    let demo: DemoStore;
    let store: Store;
    before(async () => {
      demo = await openDemoStore(database);
      store = demo.store;
    });
    after(() => demo?.close());

    for (const c of DEMO_DIGEST_CASES)
      it(`${c.name} (json)`, async () => {
        const d = await buildDigest(store, digestOptions(c.options), { now });
        assert.equal((await renderDigest(d, 'json')).toString('utf8'), fixture(c.name));
      });

    for (const c of DEMO_DIGEST_CASES)
      it(`${c.name} (json), the board and the totals read in a worker thread (SQLite)`, async (t) => {
        if (store.dialect !== 'sqlite') return t.skip('PostgreSQL reads them on other pool connections');
        const d = await buildDigest(store, digestOptions(c.options), { now, beside: { worker: 'always' } });
        assert.equal((await renderDigest(d, 'json')).toString('utf8'), fixture(c.name));
      });

    it('and the same after analysis rows written in another order are put in time order (SQLite)', async (t) => {
      if (store.dialect !== 'sqlite') return t.skip('PostgreSQL joins on message_id');
      const [c] = DEMO_DIGEST_CASES;
      // As a store written before 202612052131 has them: rowids in the order the rows were written.
      await sql`update analyses set rowid = -rowid - 1`.execute(store.db);
      const scrambled = await buildDigest(store, digestOptions(c.options), { now });
      assert.notEqual(
        (await renderDigest(scrambled, 'json')).toString('utf8'),
        fixture(c.name),
        'the join needs the order',
      );
      await analysesInTimeOrderMigration.up(store.db, 'sqlite');
      const d = await buildDigest(store, digestOptions(c.options), { now });
      assert.equal((await renderDigest(d, 'json')).toString('utf8'), fixture(c.name));
    });

    it('and the same when no signature is stored (rows analyzed before the columns): the texts are hashed', async () => {
      await store.db.updateTable('analyses').set({ copy_key: null, simhash: null, figures: null }).execute();
      for (const c of DEMO_DIGEST_CASES) {
        const d = await buildDigest(store, digestOptions(c.options), { now });
        assert.equal((await renderDigest(d, 'json')).toString('utf8'), fixture(c.name), c.name);
      }
    });
  });

for (const [name, database] of stores)
  describe(`people's merge decisions on ${name} fold as before`, () => {
    let demo: DemoStore;
    let store: Store;
    before(async () => {
      demo = await openDemoStore(database);
      store = demo.store;
    });
    after(() => demo?.close());

    it('merged groups in five sections (a fixture written by the code before the columnar fold)', async () => {
      const json = await mergedDemoDigest(store);
      assert.notEqual(json, fixture('demo-2016-12-12-14-en'), 'the merges change the digest');
      assert.equal(json, fixture('demo-2016-12-12-14-merged'));
    });
  });
