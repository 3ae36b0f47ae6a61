import { type Kysely, sql } from 'kysely';
import {
  canonicalPayload,
  chainEvents,
  GENESIS_HASH,
  type LedgerEvent,
  type LedgerEventDraft,
} from '../core/ledger-event.ts';
import type { Dialect, Projector, SearchHit, SearchQuery, Store, StoredMessage, StoreStats } from './contract.ts';
import { givenStoredPayload, payloadText, type StoredPayload, storedPayloads } from './ledger-codec/ledger-codec.ts';
import { dropWorkingTier, runMigrations } from './migrate.ts';
import { copyRows, postgresClient } from './postgres-copy.ts';
import { chunk } from './projections/chunk.ts';
import { project, storeProjectors } from './projections/index.ts';
import { contentHashes, getMessage, messageStats } from './queries/messages.ts';
import type { Database } from './schema/database.ts';
import type { LedgerTable } from './schema/ledger.ts';
import { sqliteStatements } from './sqlite-statements.ts';
import './search/analysis-filters.ts'; // registers the triage filters (category, place, urgency)
import { searchMessages } from './search/search-messages.ts';

export type WriteTransaction = <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

export function rowToEvent(r: LedgerTable): LedgerEvent {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    kind: r.kind,
    payload: JSON.parse(payloadText(r)),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

async function insertLedgerRows(db: Kysely<Database>, events: LedgerEvent[], stored: StoredPayload[]): Promise<void> {
  const rows = events.map((e, i) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    kind: e.kind,
    ...stored[i],
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  const fast = sqliteStatements(db);
  if (fast) {
    const insert =
      'insert into ledger (seq, at, actor, kind, payload, payload_z, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)';
    for (const r of rows) fast.run(insert, r.seq, r.at, r.actor, r.kind, r.payload, r.payload_z, r.prev_hash, r.hash);
    return;
  }
  const client = postgresClient(db);
  if (client) {
    await copyRows(
      client,
      'ledger',
      LEDGER_COLUMNS,
      rows.map((r) => LEDGER_COLUMNS.map((c) => r[c])),
    );
    return;
  }
  for (const part of chunk(rows, 1000)) await db.insertInto('ledger').values(part).execute();
}

const LEDGER_COLUMNS = ['seq', 'at', 'actor', 'kind', 'payload', 'payload_z', 'prev_hash', 'hash'] as const;

/**
 * The store over Kysely; the dialect files supply the connection and the write lock. `domainProjectors`
 * run after the store's own, on append and on rebuild alike.
 */
export class KyselyStore implements Store {
  private readonly projectors: readonly Projector[];

  constructor(
    readonly dialect: Dialect,
    readonly db: Kysely<Database>,
    readonly location: string,
    private readonly writeTransaction: WriteTransaction,
    domainProjectors: readonly Projector[],
  ) {
    this.projectors = [...storeProjectors, ...domainProjectors];
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, this.dialect);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async ledgerHead(db: Kysely<Database> = this.db): Promise<{ seq: number; hash: string }> {
    const r = await db.selectFrom('ledger').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return r ? { seq: Number(r.seq), hash: r.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async *readLedger(fromSeq = 1, batch = 2000): AsyncIterable<LedgerEvent> {
    let next = fromSeq;
    for (;;) {
      const rows = await this.db
        .selectFrom('ledger')
        .selectAll()
        .where('seq', '>=', next)
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const r of rows) yield rowToEvent(r);
      if (rows.length < batch) return;
      next = Number(rows[rows.length - 1].seq) + 1;
    }
  }

  async append(drafts: LedgerEventDraft[]): Promise<LedgerEvent[]> {
    return (await this.appendWith(async () => ({ drafts, result: undefined }))).events;
  }

  async appendWith<T>(
    prepare: (db: Kysely<Database>) => Promise<{ drafts: LedgerEventDraft[]; result: T }>,
  ): Promise<{ events: LedgerEvent[]; result: T }> {
    return this.writeTransaction(async (db) => {
      const { drafts, result } = await prepare(db);
      if (drafts.length === 0) return { events: [], result };
      const events = chainEvents(await this.ledgerHead(db), drafts);
      // The payloads are deflated (on a worker thread for a big batch) while the events are projected.
      const stored = storedPayloads(
        events.map(canonicalPayload),
        events.map((e) => givenStoredPayload(e.payload)),
      );
      stored.catch(() => {});
      await project(db, events, this.dialect, this.projectors);
      await insertLedgerRows(db, events, await stored);
      return { events, result };
    });
  }

  contentHashes(ids: string[], db: Kysely<Database> = this.db): Promise<Map<string, string>> {
    return contentHashes(db, ids);
  }

  getMessage(idOrPrefix: string): Promise<StoredMessage | undefined> {
    return getMessage(this.db, idOrPrefix);
  }

  search(q: SearchQuery): Promise<SearchHit[]> {
    return searchMessages(this.db, this.dialect, q);
  }

  async stats(): Promise<StoreStats> {
    const head = await this.ledgerHead();
    return { ...(await messageStats(this.db)), ledgerEvents: head.seq };
  }

  async refreshStatistics(): Promise<void> {
    // SQLite's search plans are fixed by the FTS tables and row keys; its ANALYZE is left alone on purpose.
    if (this.dialect === 'postgres') await sql`analyze`.execute(this.db);
  }

  async rebuild(onProgress?: (seq: number) => void): Promise<{ events: number }> {
    await dropWorkingTier(this.db, this.dialect);
    await runMigrations(this.db, this.dialect);
    let events = 0;
    let batch: LedgerEvent[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const todo = batch;
      batch = [];
      await this.writeTransaction((db) => project(db, todo, this.dialect, this.projectors));
      events += todo.length;
      onProgress?.(todo[todo.length - 1].seq);
    };
    for await (const e of this.readLedger()) {
      batch.push(e);
      if (batch.length >= 2000) await flush();
    }
    await flush();
    await this.refreshStatistics();
    return { events };
  }
}
