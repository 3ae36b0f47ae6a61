import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Store } from '../store/contract.ts';
import {
  type DigestWindow,
  sqliteWindowHoldsAtLeast,
  type WindowTotals,
  windowTotals,
} from '../store/queries/digest.ts';
import { digestQuotedColumns, type QuotedColumns } from '../store/queries/digest-quoted.ts';
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

/** What runs beside the candidate pass: the parts, and what the quoted rows need when the worker reads it. */
export interface Beside {
  parts: Promise<BoardAndTotals>;
  /**
   * Set when a worker runs and `quotedOf` was given: the quoted rows of the candidates in those categories
   * (`digestQuotedColumns`), read by the worker first, before the parts. Unset: the caller reads them itself.
   */
  quoted?: Promise<QuotedColumns>;
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
  return digestBeside(store, window, options).parts;
}

/**
 * The parts beside (boardAndTotalsBeside), and when they run in a worker, the quoted rows of the candidates
 * in `quotedOf` too: the worker's read-only connection reads them while this thread runs the candidate pass
 * without them. A worker that fails (option 'auto'): both read inline.
 */
export function digestBeside(
  store: Pick<Store, 'db' | 'dialect'>,
  window: BoardAndTotalsWindow,
  options: BesideOptions = {},
  quotedOf?: readonly string[],
): Beside {
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
  if (!worker) {
    const parts = boardAndTotals(store.db, window);
    parts.catch(() => {});
    return { parts };
  }
  const started = startWorker(file, window, quotedOf);
  let said = false;
  const inline = <T>(err: unknown, read: () => Promise<T>): Promise<T> => {
    if (how === 'always') throw err;
    // A worker that fails to start or dies before answering: the same reads inline, so a digest never
    // fails for it (a real read error shows again there); said, as the digest is slower for it.
    if (!said)
      process.stderr.write(
        `vigil digest: the board and totals worker failed (${err instanceof Error ? err.message : String(err)}); reading them inline\n`,
      );
    said = true;
    return read();
  };
  const parts = started.parts.catch((err) => inline(err, () => boardAndTotals(store.db, window)));
  // The caller may fail before it awaits these: no unhandled rejection then (awaiting them still throws).
  parts.catch(() => {});
  if (!started.quoted || !quotedOf) return { parts };
  const quoted = started.quoted.catch((err) =>
    inline(err, () => digestQuotedColumns(store.db, store.dialect, window, quotedOf)),
  );
  quoted.catch(() => {});
  return { parts, quoted };
}

/** The parts in a worker thread (./board-and-totals-worker.ts) on its own connection to `file`. */
export function boardAndTotalsInWorker(file: string, window: BoardAndTotalsWindow): Promise<BoardAndTotals> {
  return startWorker(file, window).parts;
}

/** The worker's messages, in order: the quoted rows (when asked for), then the parts; or an error. */
export type WorkerMessage = { quoted: QuotedColumns } | { ok: BoardAndTotals } | { error: string };

/**
 * A worker thread (./board-and-totals-worker.ts) on its own connection to `file`: the quoted rows of the
 * candidates in `quotedOf` first when given, then the parts.
 */
function startWorker(
  file: string,
  window: BoardAndTotalsWindow,
  quotedOf?: readonly string[],
): { parts: Promise<BoardAndTotals>; quoted?: Promise<QuotedColumns> } {
  const parts = deferred<BoardAndTotals>();
  const quoted = quotedOf ? deferred<QuotedColumns>() : undefined;
  let waiting = { parts: true, quoted: quoted !== undefined };
  const fail = (err: Error) => {
    if (waiting.quoted) quoted?.reject(err);
    if (waiting.parts) parts.reject(err);
    waiting = { parts: false, quoted: false };
  };
  // The worker runs TypeScript like this process: through tsx, whether it was started with
  // `node --import tsx` or by bin/vigil (tsx's register API, which a worker does not inherit).
  const w = new Worker(new URL('./board-and-totals-worker.ts', import.meta.url), {
    workerData: { file, window, quotedOf },
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  w.on('message', (m: WorkerMessage) => {
    if ('quoted' in m) {
      waiting.quoted = false;
      quoted?.resolve(m.quoted);
    } else if ('ok' in m) {
      waiting.parts = false;
      parts.resolve(m.ok);
    } else fail(new Error(`digest worker: ${m.error}`));
  });
  w.once('error', (err) => fail(err));
  w.once('exit', (code) => fail(new Error(`digest worker exited (${code}) before answering`)));
  return quoted ? { parts: parts.promise, quoted: quoted.promise } : { parts: parts.promise };
}

/** A promise and its settling functions (Promise.withResolvers, not in the ES2023 library). */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: Error) => void } {
  let resolve: (value: T) => void = () => {};
  let reject: (err: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
