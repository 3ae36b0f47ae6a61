import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { captureBatch } from '../../src/pipeline/capture.ts';
import type { Store } from '../../src/store/contract.ts';
import { listAlerts, listDeliveries } from '../../src/store/queries/alerts.ts';
import { pendingDeliveries } from '../../src/store/queries/pending-deliveries.ts';
import { findPerson, listNotes, listPeople } from '../../src/store/queries/people.ts';
import { SimulatedClock } from '../../src/watch/clock.ts';
import type { Notifier } from '../../src/watch/notifiers/notifier.ts';
import { AlertStream } from '../../src/watch/notifiers/stream.ts';
import { runWatch, watchTick } from '../../src/watch/watcher.ts';
import { acknowledgeAlert, addPerson, boardAt, notePerson } from '../../src/watch/watchlist.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

const H = 3_600_000;
const START = Date.parse('2016-12-10T06:00:00Z');
const LAST = START + 60 * H;

/** Hourly posts 06:00-22:00 UTC, alternating Twitter and Telegram, until LAST. */
function history() {
  const out = [];
  let i = 0;
  for (let t = START; t <= LAST; t += H) {
    const h = new Date(t).getUTCHours();
    if (h < 6 || h > 22) continue;
    const tg = i % 2 === 1;
    out.push(
      raw(String(1000 + i), `update ${i} from al-Mashhad`, {
        platform: tg ? 'telegram' : 'twitter',
        author: tg ? { id: '77001', handle: 'lamis_tg' } : { id: '4242', handle: 'LamisHA' },
        postedAt: new Date(t).toISOString(),
      }),
    );
    i++;
  }
  return out;
}

for (const [name, factory] of [
  ['sqlite', sqliteFactory],
  ['postgres', postgresFactory],
] as [string, StoreFactory][]) {
  describe(`watchlist over the store (${name})`, {
    skip: name === 'postgres' && !PG_URL ? 'VIGIL_TEST_PG_URL is not set' : false,
  }, () => {
    let t: TestStore;
    let store: Store;
    before(async () => {
      t = await factory();
      store = t.store;
      const msgs = history();
      await captureBatch(
        store,
        msgs.map((m, i) => pending(m, i + 1)),
        { actor: 'test', capturedAt: '2016-12-15T00:00:00.000Z', stages: [] },
      );
    });
    after(async () => t?.dispose());

    it('adds a person once, resolving the area against the gazetteer', async () => {
      const input = {
        name: 'Lamis Haj Ali',
        nameAr: 'لميس حاج علي',
        accounts: [
          { platform: 'twitter', handle: '@lamisha' },
          { platform: 'telegram', handle: 'lamis_tg' },
        ],
        area: 'al-Mashhad',
        tags: ['teacher'],
      };
      const p = await addPerson(store, input, 'cli:test', '2016-12-10T00:00:00.000Z');
      const again = await addPerson(store, input, 'cli:test', '2016-12-10T00:00:00.000Z');
      assert.equal(again.id, p.id);
      const people = await listPeople(store.db);
      assert.equal(people.length, 1);
      assert.equal(people[0].areaKey, 'Al-Mashhad');
      assert.equal((await findPerson(store.db, 'telegram:@LAMIS_TG')).id, p.id);
      assert.equal((await findPerson(store.db, 'lamis haj ali')).id, p.id);
    });

    it('merges accounts into one timeline (handles match case-insensitively, @ ignored)', async () => {
      const board = await boardAt(store, LAST + 10 * 60_000);
      const row = board.rows[0];
      assert.equal(row.status.state, 'active');
      assert.equal(row.status.lastSeen, LAST);
      assert.ok((row.status.rhythm?.posts ?? 0) > 40);
      assert.deepEqual(new Set(row.status.lastMessages.map((m) => m.platform)), new Set(['twitter', 'telegram']));
    });

    it('notes are ledger events, never edited; a later note supersedes an earlier one', async () => {
      const n1 = await notePerson(
        store,
        'Lamis Haj Ali',
        { status: 'information_sought', text: 'Her brother asks.' },
        'cli:desk',
        '2016-12-13T10:00:00.000Z',
      );
      const n2 = await notePerson(
        store,
        'Lamis Haj Ali',
        { status: 'believed_alive', authorMadeContact: true, text: 'She called.', supersedes: n1.id },
        'cli:desk',
        '2016-12-13T11:00:00.000Z',
      );
      const notes = await listNotes(store.db);
      assert.deepEqual(
        notes.map((n) => [n.id, n.status, n.supersededBy]),
        [
          [n1.id, 'information_sought', n2.id],
          [n2.id, 'believed_alive', undefined],
        ],
      );
      assert.equal(notes[0].text, 'Her brother asks.', 'the earlier note is kept as written');
      await assert.rejects(
        notePerson(
          store,
          'Lamis Haj Ali',
          { text: 'x', supersedes: 'n-ffffffffffffffff' },
          'cli:desk',
          '2016-12-13T12:00:00.000Z',
        ),
      );
    });

    it('a watch tick on a simulated clock raises one alert with a system note, delivers it, and never twice', async () => {
      const clock = new SimulatedClock(LAST + 30 * H);
      const stream = new AlertStream(clock);
      const log: string[] = [];
      let status = 503;
      const hook: Notifier = {
        channel: 'webhook',
        target: 'http://127.0.0.1:1/hook',
        deliver: async (a) => {
          log.push(a.id);
          return {
            alertId: a.id,
            channel: 'webhook',
            target: 'http://127.0.0.1:1/hook',
            ok: status === 200,
            attempts: [{ at: new Date(clock.now()).toISOString(), ok: status === 200, status }],
          };
        },
      };
      const tick = () => watchTick({ store, notifiers: [stream, hook], clock });
      const first = await tick();
      assert.deepEqual(
        first.raised.map((a) => a.kind),
        ['person.silent'],
      );
      assert.equal(first.deliveries.length, 2);
      const notes = await listNotes(store.db);
      const system = notes.filter((n) => n.author === 'system');
      assert.equal(system.length, 1);
      assert.equal(system[0].status, undefined);
      assert.equal(notes.filter((n) => n.author !== 'system').length, 2, 'people’s notes untouched');

      // The receiver is down: not tried again before the first wait (1 min) has passed...
      clock.advance(30_000);
      const second = await tick();
      assert.equal(second.raised.length, 0);
      assert.equal(log.length, 1);
      // ...then tried again on a later tick, without raising the alert again or re-sending the live stream.
      clock.advance(2 * H);
      const third = await tick();
      assert.equal(third.raised.length, 0);
      assert.equal(third.suppressed, 1);
      assert.deepEqual(
        third.deliveries.map((d) => [d.channel, d.ok]),
        [['webhook', false]],
      );
      assert.equal(third.redelivered, 1);
      status = 200;
      clock.advance(2 * H);
      assert.equal((await tick()).redelivered, 1);
      clock.advance(2 * H);
      assert.equal((await tick()).deliveries.length, 0, 'delivered once: never again');
      assert.equal(log.length, 3);

      const alerts = await listAlerts(store.db);
      assert.equal(alerts.length, 1);
      const deliveries = await listDeliveries(store.db, alerts[0].alert.id);
      assert.deepEqual(
        deliveries.map((d) => [d.channel, d.ok, d.attempts[0].status]),
        [
          ['webhook', false, 503],
          ['webhook', false, 503],
          ['webhook', true, 200],
        ],
      );
    });

    it('an alert raised but never delivered (the process stopped in between) goes out on the next tick', async () => {
      const [{ alert }] = await listAlerts(store.db);
      const clock = new SimulatedClock(Date.parse(alert.at) + H);
      const sent: string[] = [];
      const mail: Notifier = {
        channel: 'email',
        target: 'desk@example.org',
        deliver: async (a) => {
          sent.push(a.id);
          return {
            alertId: a.id,
            channel: 'email',
            target: 'desk@example.org',
            ok: true,
            attempts: [{ at: new Date(clock.now()).toISOString(), ok: true, status: 250 }],
          };
        },
      };
      assert.equal((await pendingDeliveries(store.db, 'email', 'desk@example.org', alert.at)).length, 1);
      const t = await watchTick({ store, notifiers: [mail], clock });
      assert.deepEqual(sent, [alert.id]);
      assert.equal(t.redelivered, 1);
      assert.deepEqual(await pendingDeliveries(store.db, 'email', 'desk@example.org', alert.at), []);
      // Older than the redelivery window: left on the dashboard, not sent.
      const late = new SimulatedClock(Date.parse(alert.at) + 25 * H);
      const other = { ...mail, target: 'late@example.org' };
      assert.equal((await watchTick({ store, notifiers: [other], clock: late })).deliveries.length, 0);
    });

    it('acknowledging an alert is a ledger event', async () => {
      const [{ alert }] = await listAlerts(store.db);
      const head = await store.ledgerHead();
      await acknowledgeAlert(store, alert.id.slice(0, 8), 'cli:desk', '2016-12-14T00:00:00.000Z', 'called her brother');
      const pending = () => pendingDeliveries(store.db, 'webhook', 'http://127.0.0.1:2/other', alert.at);
      const [stored] = await listAlerts(store.db);
      assert.equal((await pending()).length, 0, 'someone is on it: no further deliveries');
      assert.deepEqual(stored.acknowledged, {
        at: '2016-12-14T00:00:00.000Z',
        by: 'cli:desk',
        comment: 'called her brother',
      });
      let ack: { kind: string } | undefined;
      for await (const e of store.readLedger(head.seq + 1)) ack = e;
      assert.equal(ack?.kind, 'alert.acknowledged');
    });

    it('survives a rebuild: people, notes and alerts come back from the ledger', async () => {
      await store.rebuild();
      assert.equal((await listPeople(store.db)).length, 1);
      assert.equal((await listNotes(store.db)).length, 3);
      const [a] = await listAlerts(store.db);
      assert.equal(a.acknowledged?.by, 'cli:desk');
      assert.equal((await listDeliveries(store.db)).length, 4, 'the delivery log is system tier, kept');
    });

    it('runWatch stops when the signal aborts, sleeping on the injected sleeper', async () => {
      const clock = new SimulatedClock(LAST + 40 * H);
      const ac = new AbortController();
      let ticks = 0;
      await runWatch(
        {
          store,
          notifiers: [],
          clock,
          sleep: async (ms) => {
            clock.advance(ms);
            if (++ticks === 3) ac.abort();
          },
          intervalMs: 60_000,
          onTick: () => undefined,
        },
        ac.signal,
      );
      assert.equal(ticks, 3);
      assert.equal(clock.now(), LAST + 40 * H + 3 * 60_000);
    });

    it('runWatch reports a failed tick and carries on with the next one', async () => {
      const clock = new SimulatedClock(LAST + 40 * H);
      const ac = new AbortController();
      let failures = 1;
      // The database is unreachable for the first tick only.
      const flaky = new Proxy(store, {
        get(target, key) {
          if (key === 'db' && failures-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          return Reflect.get(target, key, target);
        },
      });
      const errors: string[] = [];
      let ticks = 0;
      await runWatch(
        {
          store: flaky,
          notifiers: [],
          clock,
          sleep: clock.sleep,
          onTick: () => {
            if (++ticks === 2) ac.abort();
          },
          onError: (e) => errors.push((e as Error).message),
        },
        ac.signal,
      );
      assert.deepEqual(errors, ['connect ECONNREFUSED 127.0.0.1:5432']);
      assert.equal(ticks, 2);
      failures = 1;
      await assert.rejects(
        runWatch({ store: flaky, notifiers: [], clock, sleep: clock.sleep }, new AbortController().signal),
        /ECONNREFUSED/,
        'without onError the failure ends runWatch',
      );
    });
  });
}
