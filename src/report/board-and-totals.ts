import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Store } from '../store/contract.ts';
import {
  type DigestWindow,
  sqliteWindowHoldsAtLeast,
  type WindowTotals,
  windowTotals,
} from '../store/queries/digest.ts';
import type { Database } from '../store/schema/database.ts';
import { sqliteStatements } from '../store/sqlite-statements.ts';
import { loadWatchlist } from '../watch/watchlist.ts';
import { inPlace, type WatchlistFindings, watchlistFindings } from './watchlist-section.ts';

/**
 * The parts of a digest that do not depend on its candidates: the watchlist judged across the window
 * (its posts loaded, the board at up to 36 instants) and the window's totals. At a million messages they
 * are about a third of the work, so they run beside the candidate pass: on SQLite in a worker thread with
 * its own read-only connection to the store's file, on PostgreSQL as queries on other pool connections.
 */
export interface BoardAndTotals {
  findings: WatchlistFindings;
  totals: WindowTotals;
}

/** What the parts read: the window (and its place key, normalized by the caller). */
export type BoardAndTotalsWindow = DigestWindow;

/** The parts, read on `db` in this thread. */
export async function boardAndTotals(db: Kysely<Database>, window: BoardAndTotalsWindow): Promise<BoardAndTotals> {
  const watchlist = await loadWatchlist({ db });
  const inArea = window.placeKey ? watchlist.filter(({ person }) => inPlace(person, window.placeKey)) : watchlist;
  const findings = watchlistFindings(inArea, Date.parse(window.since), Date.parse(window.until));
  return { findings, totals: await windowTotals(db, window) };
}

/**
 * Below this many messages in the window a worker costs more than it saves: starting one (a thread, the
 * TypeScript loader, the modules, a connection) takes a few hundred milliseconds, about what the candidate
 * pass of this many messages takes.
 */
export const WORKER_FROM_MESSAGES = 50_000;

export interface BesideOptions {
  /**
   * 'auto' (default): in a worker when the store is a SQLite file and the window large, inline if the worker
   * fails; 'always': in a worker on a SQLite file whatever the size, and its failure is the caller's (tests,
   * to be sure the worker ran); 'never': inline. A store without a file (PostgreSQL, in memory): inline.
   */
  worker?: 'auto' | 'always' | 'never';
  /** 'auto' starts a worker from this many messages in the window (default WORKER_FROM_MESSAGES). */
  fromMessages?: number;
}

/**
 * Starts the parts beside whatever the caller does next; await the promise when they are needed. The
 * result is the same whichever way they run (test/report/board-and-totals.test.ts). PostgreSQL and an
 * in-memory SQLite store run them inline: on PostgreSQL their queries go out on other pool connections while
 * the caller's run.
 */
export function boardAndTotalsBeside(
  store: Pick<Store, 'db' | 'dialect'>,
  window: BoardAndTotalsWindow,
  options: BesideOptions = {},
): Promise<BoardAndTotals> {
  const statements = store.dialect === 'sqlite' ? sqliteStatements(store.db) : undefined;
  const file = statements && !statements.raw.memory ? statements.raw.name : undefined;
  const how = options.worker ?? 'auto';
  // Decided and started before this returns: the caller's candidate pass holds this thread from its next
  // statement on, and a worker started after it would run after it.
  const worker =
    file &&
    (how === 'always' ||
      (how === 'auto' &&
        statements &&
        sqliteWindowHoldsAtLeast(statements, window, options.fromMessages ?? WORKER_FROM_MESSAGES)));
  const p = worker
    ? boardAndTotalsInWorker(file, window).catch((err) => {
        if (how === 'always') throw err;
        // A worker that fails to start or dies before answering: the same parts inline, so a digest never
        // fails for it (a real read error shows again there); said, as the digest is slower for it.
        process.stderr.write(
          `vigil digest: the board and totals worker failed (${err instanceof Error ? err.message : String(err)}); reading them inline\n`,
        );
        return boardAndTotals(store.db, window);
      })
    : boardAndTotals(store.db, window);
  // The caller may fail before it awaits this: no unhandled rejection then (awaiting it still throws).
  p.catch(() => {});
  return p;
}

/** The parts in a worker thread (./board-and-totals-worker.ts) on its own connection to `file`. */
export function boardAndTotalsInWorker(file: string, window: BoardAndTotalsWindow): Promise<BoardAndTotals> {
  return new Promise((resolve, reject) => {
    // The worker runs TypeScript like this process: through tsx, whether it was started with
    // `node --import tsx` or by bin/vigil (tsx's register API, which a worker does not inherit).
    const w = new Worker(new URL('./board-and-totals-worker.ts', import.meta.url), {
      workerData: { file, window },
      execArgv: ['--import', import.meta.resolve('tsx')],
    });
    let settled = false;
    w.once('message', (m: { ok: BoardAndTotals } | { error: string }) => {
      settled = true;
      if ('ok' in m) resolve(m.ok);
      else reject(new Error(`digest worker: ${m.error}`));
    });
    w.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`digest worker exited (${code}) before answering`));
      settled = true;
    });
  });
}
