import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { importPath, REFRESH_STATISTICS_AFTER } from '../../src/pipeline/import.ts';
import { PG_URL, postgresFactory } from '../helpers/stores.ts';

/** `n` minimal JSONL messages, one account, a minute apart. */
function jsonl(file: string, n: number, from = 0): void {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      platform: 'twitter',
      author: 'aleppo_teacher',
      id: String(from + i),
      postedAt: new Date(Date.parse('2016-12-12T08:00:00Z') + (from + i) * 60_000).toISOString(),
      text: `shelling near the hospital, message ${from + i}`,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('planner statistics after a bulk import (PostgreSQL)', {
  skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set',
}, () => {
  it('a small import leaves them alone; a large one refreshes them', async () => {
    const t = await postgresFactory();
    try {
      const blobs = new BlobStore(join(t.dir, 'blobs'));
      const analyzed = async () => {
        const r = await sql<{ n: string }>`select count(*) as n from pg_stat_user_tables
          where relname = 'messages' and (last_analyze is not null or last_autoanalyze is not null)`.execute(
          t.store.db,
        );
        return Number(r.rows[0].n) > 0;
      };
      const small = join(t.dir, 'small.jsonl');
      jsonl(small, 10);
      assert.equal((await importPath({ store: t.store, blobs }, small, { stages: [] })).new, 10);
      assert.equal(await analyzed(), false);

      const large = join(t.dir, 'large.jsonl');
      jsonl(large, REFRESH_STATISTICS_AFTER, 10);
      const summary = await importPath({ store: t.store, blobs }, large, { stages: [] });
      assert.equal(summary.new, REFRESH_STATISTICS_AFTER);
      assert.equal(await analyzed(), true);

      // The search vector keeps ten times the default statistics, and still does after a rebuild.
      const target = async () => {
        const r = await sql<{ t: number }>`select attstattarget as t from pg_attribute
          where attrelid = 'messages'::regclass and attname = 'search'`.execute(t.store.db);
        return Number(r.rows[0].t);
      };
      assert.equal(await target(), 1000);
      await t.store.rebuild();
      assert.equal(await target(), 1000);
      assert.equal(await analyzed(), true);
    } finally {
      await t.dispose();
    }
  });
});
