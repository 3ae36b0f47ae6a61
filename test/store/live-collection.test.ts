import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addFollow,
  getCursor,
  getHealth,
  itemsSince,
  listFollows,
  listHealth,
  logItems,
  putHealth,
  removeFollow,
  saveCursor,
} from '../../src/store/queries/live.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

function liveSuite(name: string, factory: StoreFactory) {
  describe(`live collection tables: ${name}`, () => {
    let t: TestStore;
    before(async () => {
      t = await factory();
    });
    after(() => t?.dispose());
    const follow = {
      key: 'mastodon:alice@social.example',
      platform: 'mastodon',
      target: 'alice@social.example',
      baseUrl: 'http://127.0.0.1:9',
      personId: 'p-000000000001',
      auto: true,
      addedAt: '2026-12-04T10:00:00.000Z',
      addedBy: 'tester',
    };

    it('adds a follow once, lists it and removes it with its cursor and health', async () => {
      const db = t.store.db;
      assert.equal(await addFollow(db, follow), true);
      assert.equal(await addFollow(db, { ...follow, target: 'other' }), false);
      assert.deepEqual(await listFollows(db), [follow]);
      await saveCursor(db, follow.key, { sinceId: '5' }, '2026-12-04T10:01:00.000Z');
      await saveCursor(db, follow.key, { sinceId: '9', recent: ['9', '8'] }, '2026-12-04T10:02:00.000Z');
      assert.deepEqual(await getCursor(db, follow.key), { sinceId: '9', recent: ['9', '8'] });
      await putHealth(db, { followKey: follow.key, state: 'ok', failures: 0, updatedAt: 'x', lastSuccessAt: 'x' });
      const failing = {
        followKey: follow.key,
        state: 'failing' as const,
        lastError: 'HTTP 500',
        lastErrorAt: 'y',
        nextTryAt: 'z',
        failures: 3,
        lastSuccessAt: 'x',
        updatedAt: 'y',
      };
      await putHealth(db, failing);
      assert.deepEqual(await getHealth(db, follow.key), failing);
      assert.equal(await removeFollow(db, follow.key), true);
      assert.equal(await removeFollow(db, follow.key), false);
      assert.deepEqual(await listFollows(db), []);
      assert.equal(await getCursor(db, follow.key), undefined);
      assert.deepEqual(await listHealth(db), []);
    });

    it('counts items per follow since a time and prunes the log after two days', async () => {
      const db = t.store.db;
      await logItems(db, 'a', '2026-12-01T00:00:00.000Z', 7);
      await logItems(db, 'a', '2026-12-04T09:30:00.000Z', 2);
      await logItems(db, 'a', '2026-12-04T09:50:00.000Z', 3);
      await logItems(db, 'b', '2026-12-04T09:55:00.000Z', 0);
      await logItems(db, 'b', '2026-12-04T09:56:00.000Z', 4);
      assert.deepEqual([...(await itemsSince(db, '2026-12-04T09:40:00.000Z'))].sort(), [
        ['a', 3],
        ['b', 4],
      ]);
      assert.deepEqual([...(await itemsSince(db, '2026-11-01T00:00:00.000Z'))].sort(), [
        ['a', 5],
        ['b', 4],
      ]);
    });
  });
}

liveSuite('sqlite', sqliteFactory);
if (PG_URL) liveSuite('postgres', postgresFactory);
else describe('live collection tables: postgres', () => it('needs VIGIL_TEST_PG_URL', (t) => t.skip()));
