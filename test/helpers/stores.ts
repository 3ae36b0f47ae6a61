import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import type { Store } from '../../src/store/contract.ts';
import { tempDir } from './temp-dir.ts';

export interface TestStore {
  store: Store;
  dir: string;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<TestStore>;

export const sqliteFactory: StoreFactory = async () => {
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path });
  return {
    store,
    dir: dir.path,
    async dispose() {
      await store.close();
      dir.remove();
    },
  };
};

/** PostgreSQL URL for throwaway test databases; the store suite skips PostgreSQL without it. */
export const PG_URL = process.env.VIGIL_TEST_PG_URL;

/** A throwaway PostgreSQL database: its URL, and `drop()` to remove it (ending any sessions left). */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('VIGIL_TEST_PG_URL is not set');
  const name = `vigil_test_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Runs `fn` on a one-off connection to the test server's maintenance database. */
export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const postgresFactory: StoreFactory = async () => {
  const db = await createTestDatabase();
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path, databaseUrl: db.url });
  return {
    store,
    dir: dir.path,
    async dispose() {
      await store.close();
      await db.drop();
      dir.remove();
    },
  };
};
