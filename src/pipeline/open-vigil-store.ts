import { analysisProjector } from '../analysis/projector.ts';
import type { Projector, Store } from '../store/contract.ts';
import { openStore, type StoreConfig } from '../store/open-store.ts';

/**
 * Projectors that need a domain's logic, run after the store's own. Every store Vigil opens gets
 * them, so what an append projects and what `vigil rebuild` replays are the same. One line each.
 */
export const domainProjectors: readonly Projector[] = [analysisProjector];

/** Vigil's store with every projection: PostgreSQL when `databaseUrl` is set, else SQLite in the data folder. */
export function openVigilStore(config: StoreConfig): Promise<Store> {
  return openStore(config, domainProjectors);
}
