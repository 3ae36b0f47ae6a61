import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALERT_RAISED, type Alert } from '../../src/core/alert.ts';
import { listDeliveries } from '../../src/store/queries/alerts.ts';
import { SimulatedClock } from '../../src/watch/clock.ts';
import type { Notifier } from '../../src/watch/notifiers/notifier.ts';
import { watchTick } from '../../src/watch/watcher.ts';
import { sqliteFactory, type TestStore } from '../helpers/stores.ts';
import { SAMPLE_ALERT } from './notifiers/sample-alert.ts';

const AT = Date.parse(SAMPLE_ALERT.at);

describe('delivering alerts when the receiver is down', () => {
  let t: TestStore;
  const alerts: Alert[] = [
    SAMPLE_ALERT,
    { ...SAMPLE_ALERT, id: 'a-1123456789abcdef', key: 'person.silent:p-000000000002:1', subject: 'p-000000000002' },
    { ...SAMPLE_ALERT, id: 'a-2123456789abcdef', key: 'person.silent:p-000000000003:1', subject: 'p-000000000003' },
  ];
  before(async () => {
    t = await sqliteFactory();
    await t.store.append(
      alerts.map((alert) => ({ kind: ALERT_RAISED, at: alert.at, actor: 'system', payload: { alert } })),
    );
  });
  after(async () => t?.dispose());

  it('tries one alert per tick while the target fails, puts off the rest, then sends them all', async () => {
    const clock = new SimulatedClock(AT + 60_000);
    let up = false;
    const calls: string[] = [];
    const hook: Notifier = {
      channel: 'webhook',
      target: 'https://desk.example/hook',
      deliver: async (a) => {
        calls.push(a.id);
        const attempt = { at: new Date(clock.now()).toISOString(), ok: up, status: up ? 200 : 503 };
        return { alertId: a.id, channel: 'webhook', target: 'https://desk.example/hook', ok: up, attempts: [attempt] };
      },
    };
    const tick = () => watchTick({ store: t.store, notifiers: [hook], clock });

    const first = await tick();
    assert.deepEqual(calls, [alerts[0].id]);
    assert.equal(first.deferred, 2);

    clock.advance(2 * 60_000);
    const second = await tick();
    assert.equal(second.deliveries.length, 1, 'one try while it is still down');
    assert.equal(second.deferred, 2);

    up = true;
    clock.advance(5 * 60_000);
    const third = await tick();
    assert.equal(third.deferred, 0);
    assert.deepEqual(
      third.deliveries.map((d) => [d.alertId, d.ok]),
      alerts.map((a) => [a.id, true]),
    );
    clock.advance(5 * 60_000);
    assert.equal((await tick()).deliveries.length, 0);
    const log = await listDeliveries(t.store.db);
    assert.equal(log.filter((d) => d.ok).length, 3);
    assert.equal(log.filter((d) => !d.ok).length, 2);
  });
});
