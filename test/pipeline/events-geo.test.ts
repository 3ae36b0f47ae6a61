import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { importPath } from '../../src/pipeline/import.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';
import { fixture } from '../sources/helpers/fixtures.ts';

const CHAT = fixture('whatsapp', 'shapes', 'ios-en-1to1');

function suite(name: string, factory: StoreFactory) {
  describe(`notices, kinds and places through the store: ${name}`, () => {
    it('keeps system notices as events once, a location with its geo, and both survive a rebuild', async () => {
      const t = await factory();
      try {
        const ctx = { store: t.store, blobs: new BlobStore(join(t.dir, 'blobs')) };
        const first = await importPath(ctx, CHAT, { stages: [] });
        assert.equal(first.read, first.new + first.events + first.rejected);
        assert.deepEqual([first.new, first.events, first.eventsNew, first.rejected], [9, 2, 2, 0]);
        const again = await importPath(ctx, CHAT, { stages: [] });
        assert.deepEqual([again.new, again.unchanged, again.events, again.eventsNew], [0, 9, 2, 0]);

        const check = async () => {
          const events = await t.store.db
            .selectFrom('source_events')
            .select(['kind', 'actor', 'text', 'prov_locator'])
            .orderBy('kind')
            .execute();
          assert.deepEqual(
            events.map((e) => [e.kind, e.actor, e.prov_locator]),
            [
              ['encryption', 'Lina', '#line=1'],
              ['security-code', 'Lina', '#line=11'],
            ],
          );
          assert.ok(
            events.every((e) => e.text.startsWith('Lina: \u200e')),
            'the line as written',
          );
          const row = await t.store.db
            .selectFrom('messages')
            .select('id')
            .where('kind', '=', 'location')
            .executeTakeFirstOrThrow();
          const m = await t.store.getMessage(row.id);
          assert.equal(m?.kind, 'location');
          assert.deepEqual(m?.geo, { lat: 36.2021, lon: 37.1343, url: 'https://maps.google.com/?q=36.2021,37.1343' });
          assert.equal(m?.text, '\u200elocation: https://maps.google.com/?q=36.2021,37.1343');
        };
        await check();
        await t.store.rebuild();
        await check();
      } finally {
        await t.dispose();
      }
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
