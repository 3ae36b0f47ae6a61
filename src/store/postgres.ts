import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Projector } from './contract.ts';
import { KyselyStore, type WriteTransaction } from './kysely-store.ts';
import { runMigrations } from './migrate.ts';
import type { Database } from './schema/database.ts';

// BIGINT columns (seq, rowkey) fit in a double for Vigil's ranges; read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * The team store: PostgreSQL with a simple-config tsvector over normalized text and pg_trgm.
 * `domainProjectors` as for openSqliteStore.
 */
export async function openPostgresStore(url: string, domainProjectors: readonly Projector[]): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = url.replace(/:[^:@/]*@/, ':***@');
  const writeTransaction: WriteTransaction = (fn) =>
    db.transaction().execute(async (trx) => {
      // One appender at a time across every process sharing this database.
      await sql`select pg_advisory_xact_lock(7716203)`.execute(trx);
      return fn(trx);
    });
  const store = new KyselyStore('postgres', db, `postgres:${safe}`, writeTransaction, domainProjectors);
  // Migrate under a session lock held on one pinned connection, so parallel starts don't race.
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7716204)`.execute(conn);
    try {
      await runMigrations(conn, 'postgres');
    } finally {
      await sql`select pg_advisory_unlock(7716204)`.execute(conn);
    }
  });
  return store;
}
