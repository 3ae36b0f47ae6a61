import { sql } from 'kysely';

/**
 * message.captured and message.analyzed are written once or more a message (a bulk import writes millions)
 * and nothing looks them up by kind, so the ledger's kind index leaves them out (migration
 * 202612061201-ledger-kind-partial). SQLite uses a partial index only when the query repeats its condition,
 * so every query of the ledger by kind adds this one, word for word as in the index.
 */
export const notBulkKind = sql<boolean>`kind not in ('message.captured', 'message.analyzed')`;
