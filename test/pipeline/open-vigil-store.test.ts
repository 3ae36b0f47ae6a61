import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { placeKey } from '../../src/analysis/extract/place-key.ts';
import type { Analysis } from '../../src/core/analysis.ts';
import { LABEL_CONFIRMED, MESSAGE_ANALYZED } from '../../src/core/analysis-events.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import type { Store } from '../../src/store/contract.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

// The test factories open the store as Vigil does, through openVigilStore.
const analysis: Analysis = {
  language: 'en',
  category: 'request_for_help',
  confidence: 0.9,
  flags: { eyewitness: true, urgency: 0.8 },
  casualties: [],
  places: [{ name: 'Al-Sukkari', lat: 36.1808, lon: 37.1561 }],
  dates: [],
  modelVersion: 'test-1',
};

async function triageTables(store: Store) {
  const db = store.db;
  return {
    // compared as stored bytes: a rebuild must write the analysis JSON exactly as the first append did
    analyses: await db
      .selectFrom('analyses')
      .select(['message_id', 'category', 'model_category', 'urgency', 'analysis', 'seq'])
      .orderBy('message_id')
      .execute(),
    labels: await db
      .selectFrom('labels')
      .select(['message_id', 'category', 'actor', 'seq'])
      .orderBy('message_id')
      .execute(),
    places: await db
      .selectFrom('message_places')
      .select(['message_id', 'place', 'place_key', 'lat', 'lon'])
      .orderBy('place')
      .execute(),
  };
}

function suite(name: string, factory: StoreFactory) {
  describe(`openVigilStore: domain projections on append and rebuild (${name})`, () => {
    let t: TestStore;
    let id: string;
    before(async () => {
      t = await factory();
      const capture = { actor: 'test', capturedAt: '2026-01-01T00:00:00.000Z', stages: [] };
      const outcome = await captureBatch(
        t.store,
        [pending(raw('1', 'Please help us in al-Sukkari', { lang: 'en' }))],
        capture,
      );
      id = outcome.captured[0].id;
      await t.store.append([
        {
          kind: MESSAGE_ANALYZED,
          at: '2026-01-01T00:00:00.000Z',
          actor: 'system',
          payload: { messageId: id, contentHash: outcome.captured[0].contentHash, analysis },
        },
        {
          kind: LABEL_CONFIRMED,
          at: '2026-01-01T01:00:00.000Z',
          actor: 'desk',
          payload: { messageId: id, category: 'farewell' },
        },
      ]);
    });
    after(async () => t?.dispose());

    it('projects a place with its gazetteer ancestors, so a search for the city finds the neighbourhood', async () => {
      const { places, analyses } = await triageTables(t.store);
      assert.deepEqual(
        places.map((p) => p.place),
        ['Al-Sukkari', 'Aleppo', 'Aleppo Governorate', 'Syria'],
      );
      assert.equal(analyses[0]?.category, 'farewell', 'the label outranks the model');
      assert.deepEqual(
        (await t.store.search({ placeKey: placeKey('حلب') })).map((h) => h.id),
        [id],
      );
    });

    it('rebuild replays the ledger into the same rows', async () => {
      const before = await triageTables(t.store);
      const { events } = await t.store.rebuild();
      assert.equal(events, (await t.store.ledgerHead()).seq);
      assert.deepEqual(await triageTables(t.store), before);
      assert.deepEqual(
        (await t.store.search({ placeKey: placeKey('Aleppo Governorate') })).map((h) => h.id),
        [id],
      );
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
