import { join } from 'node:path';
import type { Store } from './contract.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';

export interface StoreConfig {
  /** Data folder: the SQLite file and the blob store live here. */
  dataDir: string;
  /** When set, the team store on PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
}

export function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
  return openSqliteStore(join(config.dataDir, 'vigil.db'));
}
