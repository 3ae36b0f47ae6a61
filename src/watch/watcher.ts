import { ALERT_RAISED, type Alert } from '../core/alert.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import { PERSON_NOTED } from '../core/person.ts';
import type { Store } from '../store/contract.ts';
import { raisedAlerts, recordDelivery } from '../store/queries/alerts.ts';
import { pendingDeliveries } from '../store/queries/pending-deliveries.ts';
import { candidateAlerts, DEFAULT_RATE_LIMIT, gateAlerts, type RateLimit, silenceNote } from './alerts.ts';
import type { Board, BoardOptions } from './board.ts';
import { DEFAULT_BOARD } from './board.ts';
import { type Clock, realSleep, type Sleeper, systemClock } from './clock.ts';
import type { Delivery, Notifier } from './notifiers/notifier.ts';
import { DEFAULT_REDELIVERY, dueForDelivery, type RedeliveryPolicy } from './redelivery.ts';
import { boardAt } from './watchlist.ts';

export interface WatchOptions {
  store: Store;
  notifiers: Notifier[];
  clock?: Clock;
  sleep?: Sleeper;
  /** How often to re-evaluate the board; new messages are picked up on the next tick. */
  intervalMs?: number;
  board?: BoardOptions;
  rateLimit?: RateLimit;
  redelivery?: RedeliveryPolicy;
  onTick?: (t: TickResult) => void;
  /**
   * runWatch reports a failed tick here (the database restarting, a disk full) and tries again on the
   * next one; without it the error ends runWatch.
   */
  onError?: (err: unknown) => void;
}

export interface TickResult {
  at: number;
  board: Board;
  raised: Alert[];
  suppressed: number;
  /** Every delivery tried this tick: the alerts raised now, and earlier ones not yet delivered. */
  deliveries: Delivery[];
  /** Of those, how many were for alerts raised on an earlier tick. */
  redelivered: number;
  /**
   * Deliveries put off to the next tick because their target had just failed: a receiver that is down
   * costs one delivery's retries per tick, not one per alert.
   */
  deferred: number;
}

/**
 * One evaluation: raise the alerts the board calls for (ledger events, with a system note for each
 * silence), then deliver them and log the deliveries. Alerts are raised before delivery, so a crash in
 * delivery never raises an alert twice; logged channels (webhook, email) then pick up, on this and later
 * ticks, every unacknowledged alert they have not yet delivered (see redelivery.ts), so a receiver that
 * was down, or a crash before delivery, loses nothing. The live stream only carries what is new.
 */
export async function watchTick(o: WatchOptions, signal?: AbortSignal): Promise<TickResult> {
  const at = (o.clock ?? systemClock).now();
  const board = await boardAt(o.store, at, o.board ?? DEFAULT_BOARD);
  const gate = gateAlerts(
    candidateAlerts(board),
    await raisedAlerts(o.store.db),
    at,
    o.rateLimit ?? DEFAULT_RATE_LIMIT,
  );
  const iso = new Date(at).toISOString();
  const drafts: LedgerEventDraft[] = [];
  for (const alert of gate.raise) {
    drafts.push({ kind: ALERT_RAISED, at: iso, actor: 'system', payload: { alert } });
    const note = silenceNote(alert);
    if (note) drafts.push({ kind: PERSON_NOTED, at: iso, actor: 'system', payload: { note } });
  }
  if (drafts.length) await o.store.append(drafts);
  const deliveries: Delivery[] = [];
  const raisedNow = new Set(gate.raise.map((a) => a.id));
  let redelivered = 0;
  let deferred = 0;
  const policy = o.redelivery ?? DEFAULT_REDELIVERY;
  const since = new Date(at - policy.maxAgeMs).toISOString();
  for (const n of o.notifiers) {
    const due =
      n.channel === 'stream'
        ? gate.raise
        : (await pendingDeliveries(o.store.db, n.channel, n.target, since))
            .filter((p) => dueForDelivery(p, at, policy))
            .map((p) => p.alert);
    for (const [i, alert] of due.entries()) {
      if (signal?.aborted) break;
      const d = await n.deliver(alert, signal);
      deliveries.push(d);
      if (!raisedNow.has(alert.id)) redelivered++;
      if (n.channel === 'stream') continue;
      await recordDelivery(o.store.db, d);
      if (!d.ok) {
        deferred += due.length - i - 1;
        break;
      }
    }
  }
  const result = {
    at,
    board,
    raised: gate.raise,
    suppressed: gate.suppressed.length,
    deliveries,
    redelivered,
    deferred,
  };
  o.onTick?.(result);
  return result;
}

/** Run until the signal aborts (SIGINT in `vigil watch`). */
export async function runWatch(o: WatchOptions, signal: AbortSignal): Promise<void> {
  const sleep = o.sleep ?? realSleep;
  while (!signal.aborted) {
    try {
      await watchTick(o, signal);
    } catch (err) {
      if (!o.onError || signal.aborted) throw err;
      o.onError(err);
    }
    await sleep(o.intervalMs ?? 60_000, signal);
  }
}
