import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema/database.ts';

/**
 * Prepared better-sqlite3 statements for the write hot path (ledger rows, message rows, the FTS index):
 * prepared once per text, run with plain parameters, skipping Kysely's per-call query building and
 * statement preparation. They run on the store's one connection, so inside its open write transaction.
 */
export class SqliteStatements {
  private readonly cache = new Map<string, SqliteDatabase.Statement>();

  constructor(readonly raw: SqliteDatabase.Database) {}

  statement(text: string): SqliteDatabase.Statement {
    let s = this.cache.get(text);
    if (!s) {
      s = this.raw.prepare(text);
      this.cache.set(text, s);
    }
    return s;
  }

  run(text: string, ...params: unknown[]): void {
    this.statement(text).run(...params);
  }

  all<T>(text: string, ...params: unknown[]): T[] {
    return this.statement(text).all(...params) as T[];
  }
}

const byKysely = new WeakMap<object, SqliteStatements>();

/** Remember that `db` (a store's Kysely, or one bound to its connection) runs on these statements' connection. */
export function registerSqliteStatements(db: Kysely<Database>, statements: SqliteStatements): void {
  byKysely.set(db, statements);
}

/** The prepared-statement path for `db` when it is a SQLite store's, else undefined (PostgreSQL, or unknown). */
export function sqliteStatements(db: Kysely<Database>): SqliteStatements | undefined {
  return byKysely.get(db);
}

/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return Array(n).fill('?').join(', ');
}
