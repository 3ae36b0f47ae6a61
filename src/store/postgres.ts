import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { StoreUnavailableError } from '../core/errors.ts';
import type { Projector } from './contract.ts';
import { KyselyStore, type WriteTransaction } from './kysely-store.ts';
import { runMigrations } from './migrate.ts';
import { registerPostgresClient } from './postgres-copy.ts';
import { PostgresPool } from './postgres-pool.ts';
import type { Database } from './schema/database.ts';

// BIGINT columns (seq, rowkey) fit in a double for Vigil's ranges; read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PostgresOptions {
  /**
   * Called when the server drops an idle pooled connection (a restart, `pg_terminate_backend`, a
   * failover). The pool discards that connection and opens a new one on the next query, so this is
   * only a report; by default a line on stderr.
   */
  onConnectionLost?: (err: Error) => void;
}

function reportConnectionLost(err: Error): void {
  process.stderr.write(
    `vigil: a PostgreSQL connection was closed by the server (${err.message}); reconnecting on the next query\n`,
  );
}

/**
 * The team store: PostgreSQL with a simple-config tsvector over normalized text and pg_trgm.
 * `domainProjectors` as for openSqliteStore.
 */
export async function openPostgresStore(
  url: string,
  domainProjectors: readonly Projector[],
  options: PostgresOptions = {},
): Promise<KyselyStore> {
  const pool = new PostgresPool({ connectionString: url, max: 8 });
  // Without a listener, an idle connection closed by the server is an uncaught 'error' that ends
  // the whole process (a `vigil serve` would die on a database restart).
  pool.on('error', options.onConnectionLost ?? reportConnectionLost);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = url.replace(/:[^:@/]*@/, ':***@');
  const writeTransaction: WriteTransaction = (fn) =>
    db.transaction().execute(async (trx) => {
      // One appender at a time across every process sharing this database. The backend's pid finds the
      // pooled client this transaction runs on, for COPY (postgres-copy.ts), in the same round trip.
      const { rows } = await sql<{
        pid: number;
      }>`select pg_advisory_xact_lock(7716203), pg_backend_pid() as pid`.execute(trx);
      const client = pool.clientByBackendPid(Number(rows[0].pid));
      if (client) registerPostgresClient(trx, client);
      return fn(trx);
    });
  // Fail on an unreachable server with a plain message, before any migration runs.
  try {
    (await pool.connect()).release();
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new StoreUnavailableError(
      `cannot open the PostgreSQL store at ${safe}: ${(err as Error).message}; check VIGIL_DATABASE_URL and that the server is running`,
      safe,
    );
  }
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
