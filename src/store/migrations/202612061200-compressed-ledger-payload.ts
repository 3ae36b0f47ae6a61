import { sql } from 'kysely';
import { LEDGER_DICTIONARIES } from '../ledger-codec/ledger-codec.ts';
import type { Migration } from './migration.ts';

/**
 * Evidence tier, issue 18 (disk a message): the ledger may hold a payload compressed (`payload_z`, see
 * ledger-codec/ledger-codec.ts), and the store keeps the preset dictionaries it is compressed with, so the
 * database alone is enough to read it back. Existing rows are not touched (the ledger is append-only): they
 * keep their text payload and are read as before; rows appended from now on are compressed.
 */
export const compressedLedgerPayloadMigration: Migration = {
  name: '202612061200-compressed-ledger-payload',
  tier: 'evidence',
  tables: ['ledger_dictionaries'],
  async up(db, dialect) {
    const bytes = dialect === 'postgres' ? sql.raw('bytea') : sql.raw('blob');
    await sql`alter table ledger add column payload_z ${bytes}`.execute(db);
    await sql`create table ledger_dictionaries (version integer primary key, sha256 text not null, dictionary ${bytes} not null)`.execute(
      db,
    );
    for (const d of LEDGER_DICTIONARIES.values())
      await sql`insert into ledger_dictionaries (version, sha256, dictionary) values (${d.version}, ${d.sha256}, ${d.bytes})`.execute(
        db,
      );
  },
};
