import type { Kysely } from 'kysely';
import type { Dialect } from '../contract.ts';

/**
 * One schema step. Tiers:
 * - evidence: the ledger; appended to only, never dropped.
 * - system: state that is not derived from the ledger (users, sessions, delivery logs); kept by rebuild.
 * - working: projections of the ledger; `vigil rebuild` drops `tables` and runs these again.
 */
export interface Migration {
  /** Timestamped: YYYYMMDDHHMM-what. Runs in name order. */
  name: string;
  tier: 'evidence' | 'system' | 'working';
  /** Tables (and virtual tables) this migration creates; rebuild drops them for the working tier. */
  tables: readonly string[];
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}
