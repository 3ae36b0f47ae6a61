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

export const postgresFactory: StoreFactory = async () => {
  if (!PG_URL) throw new Error('VIGIL_TEST_PG_URL is not set');
  const name = `vigil_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path, databaseUrl: url.toString() });
  return {
    store,
    dir: dir.path,
    async dispose() {
      await store.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      dir.remove();
    },
  };
};
