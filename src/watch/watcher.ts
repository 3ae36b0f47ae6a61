import { ALERT_RAISED, type Alert } from '../core/alert.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import { PERSON_NOTED } from '../core/person.ts';
import type { Store } from '../store/contract.ts';
import { raisedAlerts, recordDelivery } from '../store/queries/alerts.ts';
import { candidateAlerts, DEFAULT_RATE_LIMIT, gateAlerts, type RateLimit, silenceNote } from './alerts.ts';
import type { Board, BoardOptions } from './board.ts';
import { DEFAULT_BOARD } from './board.ts';
import { type Clock, realSleep, type Sleeper, systemClock } from './clock.ts';
import type { Delivery, Notifier } from './notifiers/notifier.ts';
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
  onTick?: (t: TickResult) => void;
}

export interface TickResult {
  at: number;
  board: Board;
  raised: Alert[];
  suppressed: number;
  deliveries: Delivery[];
}

/**
 * One evaluation: raise the alerts the board calls for (ledger events, with a system note for each
 * silence), then deliver them and log the deliveries. Alerts are raised before delivery, so a crash in
 * delivery never raises an alert twice.
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
  for (const alert of gate.raise) {
    for (const n of o.notifiers) {
      if (signal?.aborted) break;
      const d = await n.deliver(alert, signal);
      deliveries.push(d);
      if (n.channel !== 'stream') await recordDelivery(o.store.db, d);
    }
  }
  const result = { at, board, raised: gate.raise, suppressed: gate.suppressed.length, deliveries };
  o.onTick?.(result);
  return result;
}

/** Run until the signal aborts (SIGINT in `vigil watch`). */
export async function runWatch(o: WatchOptions, signal: AbortSignal): Promise<void> {
  const sleep = o.sleep ?? realSleep;
  while (!signal.aborted) {
    await watchTick(o, signal);
    await sleep(o.intervalMs ?? 60_000, signal);
  }
}
