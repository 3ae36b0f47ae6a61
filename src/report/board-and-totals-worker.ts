// The worker thread of board-and-totals.ts: the board across a digest's window and its totals, read on a
// read-only connection of its own to the SQLite store's file, posted back as data (structured clone); first,
// when asked for (`quotedOf`), the quoted rows of the digest's candidates, their number columns transferred.
import { parentPort, workerData } from 'node:worker_threads';
import { digestQuotedColumns } from '../store/queries/digest-quoted.ts';
import { openSqliteReader } from '../store/sqlite.ts';
import { type BoardAndTotalsWindow, boardAndTotals, type WorkerMessage } from './board-and-totals.ts';

const { file, window, quotedOf } = workerData as {
  file: string;
  window: BoardAndTotalsWindow;
  quotedOf?: readonly string[];
};
const reader = openSqliteReader(file);
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);
try {
  if (quotedOf) {
    const q = await digestQuotedColumns(reader.db, 'sqlite', window, quotedOf);
    post({ quoted: q }, [q.rowkey.buffer, q.seq.buffer, q.urgency.buffer] as ArrayBuffer[]);
  }
  post({ ok: await boardAndTotals(reader.db, window) });
} catch (err) {
  post({ error: (err as Error).message ?? String(err) });
} finally {
  await reader.close();
}
