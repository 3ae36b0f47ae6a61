import type { Kysely } from 'kysely';
import type { LedgerEvent, LedgerEventDraft } from '../core/ledger-event.ts';
import type { Message } from '../core/message.ts';
import type { Database } from './schema/database.ts';

export type Dialect = 'sqlite' | 'postgres';

/** A message as the working tier holds it: the Message plus its system fields. */
export interface StoredMessage extends Message {
  /** Identity hash (64 hex). People see its first 16 digits. */
  id: string;
  contentHash: string;
  /** Ledger seq of the event that captured the current version. */
  seq: number;
  versions: number;
}

export interface SearchQuery {
  /** Free text; Arabic is normalized like the index. Empty or absent lists by the filters alone. */
  text?: string;
  platform?: string;
  /** Account id or handle (with or without @). */
  author?: string;
  /** ISO 8601 bounds on postedAt, inclusive. */
  since?: string;
  until?: string;
  lang?: string;
  /** Triage filters; ignored by stores without analysis results. */
  category?: string;
  /**
   * A place as message_places keys it: a gazetteer name, normalized. The store does not read place
   * names in free text; callers resolve a person's words first (analysis' placeKey: "حلب" → "aleppo").
   */
  placeKey?: string;
  minUrgency?: number;
  /** Include author-deleted messages (sealed views only). */
  includeDeleted?: boolean;
  order?: 'newest' | 'relevance';
  /**
   * Page size (default 20, at most 1000). With words it also decides the match mode: whole words when
   * they find at least this many (or 1000 when ranked), else prefixes, else partial words.
   */
  limit?: number;
  /** Skip this many hits. Pages stay consistent while limit is the same; `after` is steadier. */
  offset?: number;
  /**
   * Continue after this hit: a SearchHit.cursor from the same search (same words, filters and order;
   * limit may differ). It keeps the match mode and position, so no hit repeats or goes missing across
   * pages, newest first even while new messages arrive (ranked: the scored window keeps its messages,
   * though new ones shift bm25 scores). Not combined with offset.
   */
  after?: string;
}

export interface SearchHit {
  id: string;
  platform: string;
  author: { id: string; handle?: string; displayName?: string };
  postedAt: string;
  text: string;
  lang?: string;
  /** Text around the matches, matches wrapped in [[ ]] (ambiguous when the text has brackets: prefer excerpt + marks). */
  snippet: string;
  /** The same text around the matches, unmarked. */
  excerpt: string;
  /** Where the matching words are in `excerpt`: UTF-16 offsets, end exclusive, in order. */
  marks: { start: number; end: number }[];
  score?: number;
  /** Opaque: pass as SearchQuery.after to get the hits after this one. */
  cursor: string;
}

export interface StoreStats {
  messages: number;
  authors: number;
  ledgerEvents: number;
  byPlatform: Record<string, number>;
  byLanguage: Record<string, number>;
  firstPostedAt?: string;
  lastPostedAt?: string;
}

/**
 * Applies ledger events of some kinds to the working tier, inside the transaction that appends them,
 * and again when `vigil rebuild` replays the ledger. The store's own are listed in ./projections/index.ts;
 * one that needs a domain's logic lives in that domain and is listed in src/pipeline/open-vigil-store.ts.
 */
export interface Projector {
  name: string;
  kinds: readonly string[];
  apply(db: Kysely<Database>, events: LedgerEvent[], dialect: Dialect): Promise<void>;
}

export interface Store {
  readonly dialect: Dialect;
  /** Kysely over the store, for the per-domain query modules in src/store/queries. */
  readonly db: Kysely<Database>;
  /** Human description, e.g. "sqlite:./vigil-data/vigil.db". */
  readonly location: string;

  migrate(): Promise<void>;
  close(): Promise<void>;

  /** The last event in the chain (seq 0 and the genesis hash when empty). */
  ledgerHead(): Promise<{ seq: number; hash: string }>;
  /** Events in seq order, from `fromSeq` (inclusive). */
  readLedger(fromSeq?: number): AsyncIterable<LedgerEvent>;
  /**
   * Chain the drafts onto the head, append them and apply their projections, atomically.
   * `prepare` runs first inside the same write transaction (e.g. to decide which drafts to write).
   */
  append(drafts: LedgerEventDraft[]): Promise<LedgerEvent[]>;
  appendWith<T>(
    prepare: (db: Kysely<Database>) => Promise<{ drafts: LedgerEventDraft[]; result: T }>,
  ): Promise<{ events: LedgerEvent[]; result: T }>;

  /** Current content hash of each identity hash already stored. */
  contentHashes(ids: string[], db?: Kysely<Database>): Promise<Map<string, string>>;
  getMessage(idOrPrefix: string): Promise<StoredMessage | undefined>;
  search(q: SearchQuery): Promise<SearchHit[]>;
  stats(): Promise<StoreStats>;

  /** Drop every working-tier table, recreate it and replay the ledger. */
  rebuild(onProgress?: (seq: number) => void): Promise<{ events: number }>;

  /**
   * After a bulk change (an import, a rebuild), refresh the query planner's statistics. PostgreSQL
   * without them guesses a handful of matches and sorts every hit of a common word (seconds at 1M rows);
   * autovacuum would get there eventually, but not before the first searches. SQLite: nothing to do.
   */
  refreshStatistics(): Promise<void>;
}
