import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { StoreUnavailableError } from '../core/errors.ts';
import type { Projector } from './contract.ts';
import { KyselyStore, type WriteTransaction } from './kysely-store.ts';
import type { Database } from './schema/database.ts';
import { registerSqliteStatements, SqliteStatements } from './sqlite-statements.ts';

/**
 * The embedded store: one SQLite file (WAL), FTS5 over normalized text. `domainProjectors` run after the
 * store's own; Vigil opens it through src/pipeline/open-vigil-store.ts, which passes them all.
 */
export async function openSqliteStore(file: string, domainProjectors: readonly Projector[]): Promise<KyselyStore> {
  let raw: SqliteDatabase.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    raw = new SqliteDatabase(file);
  } catch (err) {
    throw new StoreUnavailableError(
      `cannot open the SQLite store at ${file}: ${(err as Error).message}; check --data or VIGIL_DATA`,
      file,
    );
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('cache_size = -65536');
  raw.pragma('temp_store = MEMORY');
  raw.defaultSafeIntegers(false);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const statements = new SqliteStatements(raw);
  registerSqliteStatements(db, statements);
  // BEGIN IMMEDIATE takes the write lock before reading the ledger head, so two processes
  // appending at once queue up instead of forking the chain.
  const writeTransaction: WriteTransaction = (fn) =>
    db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      registerSqliteStatements(conn, statements);
      try {
        const out = await fn(conn);
        await sql`commit`.execute(conn);
        return out;
      } catch (err) {
        await sql`rollback`.execute(conn);
        throw err;
      }
    });
  const store = new KyselyStore('sqlite', db, `sqlite:${file}`, writeTransaction, domainProjectors);
  await store.migrate();
  return store;
}

/**
 * A second, read-only connection to a SQLite store's file, for reading beside the store's own connection
 * (a worker thread; WAL lets readers run alongside). Sees what is committed; runs no migration.
 */
export function openSqliteReader(file: string): { db: Kysely<Database>; close(): Promise<void> } {
  const raw = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  raw.pragma('busy_timeout = 10000');
  raw.pragma('cache_size = -65536');
  raw.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  registerSqliteStatements(db, new SqliteStatements(raw));
  return { db, close: () => db.destroy() };
}
