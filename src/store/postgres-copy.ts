import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema/database.ts';

/**
 * COPY for the PostgreSQL write hot path (issue 18): ledger rows and message rows go in as one COPY ... FROM
 * STDIN each per batch instead of multi-row INSERTs, on the connection of the open write transaction (so
 * under its advisory lock, and rolled back with it). The rows are new by construction (seqs continue the
 * chain head read under the lock; row keys are picked free), so they go straight into their tables: a
 * staging table would only add a second copy of every row.
 */
const byKysely = new WeakMap<object, pg.ClientBase>();

/** Remember that `db` (a write transaction's Kysely) runs on this pg client. */
export function registerPostgresClient(db: Kysely<Database>, client: pg.ClientBase): void {
  byKysely.set(db, client);
}

/** The pg client of a PostgreSQL write transaction, else undefined (SQLite, or a Kysely not registered). */
export function postgresClient(db: Kysely<Database>): pg.ClientBase | undefined {
  return byKysely.get(db);
}

/** One value in COPY's text format: \N for null, and backslash, tab, newline and carriage return escaped. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  // bytea in hex form (\x…), its backslash escaped for COPY.
  if (v instanceof Uint8Array) return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** COPY `rows` (values in `columns` order) into `table`; PostgreSQL checks every constraint as for INSERT. */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const text = `${rows.map((r) => r.map(copyText).join('\t')).join('\n')}\n`;
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(text);
  });
}
