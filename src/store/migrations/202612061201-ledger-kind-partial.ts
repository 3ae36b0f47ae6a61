import { sql } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * Evidence tier, issue 18 (disk a message): the ledger's (kind, seq) index leaves out message.captured and
 * message.analyzed (store/ledger-kinds.ts, notBulkKind: the queries by kind repeat it), which nothing looks up by kind: 33 bytes a message at 200,000.
 * The audit log, checkpoints and timestamps, the kinds that are looked up, stay indexed. The index is made
 * again on an existing store (one pass over the ledger); the rows are not touched.
 */
export const ledgerKindPartialMigration: Migration = {
  name: '202612061201-ledger-kind-partial',
  tier: 'evidence',
  tables: [],
  async up(db) {
    await sql`drop index if exists ledger_kind`.execute(db);
    await sql`create index ledger_kind_looked_up on ledger (kind, seq) where kind not in ('message.captured', 'message.analyzed')`.execute(
      db,
    );
  },
};
