import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UsageError } from '../../src/core/errors.ts';
import { replayDemoAt } from '../../src/demo/replay.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import type { Store } from '../../src/store/contract.ts';
import { listAudit } from '../../src/store/queries/audit.ts';
import { boardInstant, parseReplayClock, readReplayClock, setReplayClock } from '../../src/watch/replay-clock.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const NEWEST = '2016-12-14T21:58:00.000Z';

describe('parseReplayClock', () => {
  it('reads off, newest or an instant, and refuses anything else', () => {
    assert.deepEqual(parseReplayClock('off'), { mode: 'off' });
    assert.deepEqual(parseReplayClock('newest'), { mode: 'newest' });
    assert.deepEqual(parseReplayClock('2016-12-15T00:00:00+02:00'), { mode: 'at', at: '2016-12-14T22:00:00.000Z' });
    assert.throws(() => parseReplayClock('yesterday'), UsageError);
  });
});

for (const [name, factory] of [
  ['sqlite', sqliteFactory],
  ['postgres', postgresFactory],
] as [string, StoreFactory][]) {
  describe(`the replay clock, a setting of the data folder (${name})`, {
    skip: name === 'postgres' && !PG_URL ? 'VIGIL_TEST_PG_URL is not set' : false,
  }, () => {
    let t: TestStore;
    let store: Store;
    before(async () => {
      t = await factory();
      store = t.store;
      const msgs = [
        raw('1', 'older', { postedAt: '2016-12-13T08:00:00.000Z' }),
        raw('2', 'newest', { postedAt: NEWEST }),
        raw('3', 'between', { postedAt: '2016-12-14T10:00:00.000Z' }),
      ];
      await captureBatch(
        store,
        msgs.map((m, i) => pending(m, i + 1)),
        { actor: 'test', capturedAt: '2016-12-15T00:00:00.000Z', stages: [] },
      );
    });
    after(async () => t?.dispose());

    it('is off by default: an archive that stopped long ago is judged at now, with no replay', async () => {
      const s = await readReplayClock(store.db);
      assert.deepEqual(s, { clock: { mode: 'off' } });
      assert.deepEqual(await boardInstant(store.db, s.clock, NOW), { at: NOW, replay: null });
    });

    it('at the newest message, or at a fixed instant, and says so', async () => {
      assert.deepEqual(await boardInstant(store.db, { mode: 'newest' }, NOW), {
        at: Date.parse(NEWEST),
        replay: { mode: 'newest', at: NEWEST },
      });
      const set = await setReplayClock(store, { mode: 'at', at: '2016-12-15T00:00:00+02:00' }, 'admin', new Date(NOW));
      assert.deepEqual(set, {
        clock: { mode: 'at', at: '2016-12-14T22:00:00.000Z' },
        updatedAt: new Date(NOW).toISOString(),
        updatedBy: 'admin',
      });
      assert.deepEqual(await readReplayClock(store.db), set);
      assert.deepEqual(await boardInstant(store.db, set.clock, NOW), {
        at: Date.parse('2016-12-14T22:00:00.000Z'),
        replay: { mode: 'at', at: '2016-12-14T22:00:00.000Z' },
      });
    });

    it('every change is an audit-log event: who, when, which setting, what value', async () => {
      const at = new Date(NOW + 60_000);
      await setReplayClock(store, { mode: 'newest' }, 'editor-on-duty', at);
      const [entry] = await listAudit(store.db, { kind: 'setting.changed', limit: 1 });
      assert.equal(entry.actor, 'editor-on-duty');
      assert.equal(entry.at, at.toISOString());
      assert.deepEqual(entry.payload, { key: 'watch.replay_clock', value: { mode: 'newest' } });
    });

    it('survives a rebuild (system tier)', async () => {
      await setReplayClock(store, { mode: 'newest' }, 'admin');
      await store.rebuild();
      assert.deepEqual((await readReplayClock(store.db)).clock, { mode: 'newest' });
    });

    it('the demo turns it on only where nobody has set it; an admin’s "off" stands', async () => {
      await setReplayClock(store, { mode: 'off' }, 'admin');
      const kept = await replayDemoAt(store, '2016-12-15T00:00:00+02:00', 'demo');
      assert.deepEqual(kept.clock, { mode: 'off' });
      assert.equal(kept.updatedBy, 'admin');

      const fresh = await factory();
      try {
        const on = await replayDemoAt(fresh.store, '2016-12-15T00:00:00+02:00', 'demo');
        assert.deepEqual(on.clock, { mode: 'at', at: '2016-12-14T22:00:00.000Z' });
        assert.equal((await readReplayClock(fresh.store.db)).updatedBy, 'demo');
        // Nothing to replay yet in an empty folder: judged at now.
        assert.deepEqual(await boardInstant(fresh.store.db, { mode: 'newest' }, NOW), { at: NOW, replay: null });
      } finally {
        await fresh.dispose();
      }
    });
  });
}
