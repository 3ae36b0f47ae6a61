// The worker thread of board-and-totals.ts: the board across a digest's window and its totals, read on a
// read-only connection of its own to the SQLite store's file, posted back as data (structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteReader } from '../store/sqlite.ts';
import { type BoardAndTotalsWindow, boardAndTotals } from './board-and-totals.ts';

const { file, window } = workerData as { file: string; window: BoardAndTotalsWindow };
const reader = openSqliteReader(file);
try {
  parentPort?.postMessage({ ok: await boardAndTotals(reader.db, window) });
} catch (err) {
  parentPort?.postMessage({ error: (err as Error).message ?? String(err) });
} finally {
  await reader.close();
}
