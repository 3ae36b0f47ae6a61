// The reader for bench/live-collection.ts: a worker thread with its own SQLite connection that runs a
// newest-first full-text search for `vigilbench` every POLL_MS, like a person refreshing the search page,
// and notes when each post first shows up. Each post's text names its send time (`s<ms>`), so
// visible − sent is the receipt → searchable latency (sent ≈ received: same machine, loopback).
import { parentPort, Worker, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

const POLL_MS = 20;
/** Row keys are posted ms × 2^20 (+ hash bits): look a few ms below the newest seen for same-ms posts. */
const MARGIN = 5n * 2n ** 20n;

export interface WatchResult {
  /** visible − sent of every post seen, ms. */
  latencies: number[];
  polls: number;
}

/** Starts the watcher on the store at `file`; stop() returns what it saw. */
export function watchSearch(file: string): { stop(): Promise<WatchResult> } {
  const w = new Worker(new URL(import.meta.url), { workerData: { file } });
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        w.once('message', (r: WatchResult) => {
          void w.terminate();
          resolve(r);
        });
        w.once('error', reject);
        w.postMessage('stop');
      }),
  };
}

if (parentPort && workerData?.file) {
  const port = parentPort;
  const db = new SqliteDatabase(workerData.file as string, { readonly: true });
  db.pragma('busy_timeout = 10000');
  const q = db
    .prepare(
      `select f.rowid as k, m.text as text from messages_fts f join messages m on m.rowkey = f.rowid
       where messages_fts match 'vigilbench' and f.rowid > ? order by f.rowid desc`,
    )
    .safeIntegers(true);
  const seen = new Set<string>();
  const latencies: number[] = [];
  let newest = 0n;
  let polls = 0;
  const poll = () => {
    polls++;
    const rows = q.all(newest > MARGIN ? newest - MARGIN : 0n) as { k: bigint; text: string }[];
    const now = Date.now();
    for (const r of rows) {
      if (r.k > newest) newest = r.k;
      const n = / n(\d+) s(\d+)$/.exec(r.text);
      if (!n || seen.has(n[1])) continue;
      seen.add(n[1]);
      latencies.push(now - Number(n[2]));
    }
  };
  const timer = setInterval(poll, POLL_MS);
  port.on('message', () => {
    clearInterval(timer);
    poll();
    port.postMessage({ latencies, polls } satisfies WatchResult);
  });
}
