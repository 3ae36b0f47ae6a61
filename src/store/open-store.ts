import { join } from 'node:path';
import type { Projector, Store } from './contract.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';

export interface StoreConfig {
  /** Data folder: the SQLite file and the blob store live here. */
  dataDir: string;
  /** When set, the team store on PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
}

/** PostgreSQL when `databaseUrl` is set, else SQLite in the data folder; Vigil calls it through openVigilStore. */
export function openStore(config: StoreConfig, domainProjectors: readonly Projector[]): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl, domainProjectors);
  return openSqliteStore(join(config.dataDir, 'vigil.db'), domainProjectors);
}
