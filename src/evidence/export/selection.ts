import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { SearchQuery, Store, StoredMessage } from '../../store/contract.ts';
import { chunk } from '../../store/projections/chunk.ts';
import { rowToMessage } from '../../store/queries/messages.ts';
import { findPerson } from '../../store/queries/people.ts';
import type { MessagesTable } from '../../store/schema/messages.ts';

/** What to package: a search (the filters of `vigil search`), a watched person, or message ids. */
export interface Selection {
  /** Search words and filters; paging fields are ignored. */
  query?: Omit<SearchQuery, 'limit' | 'offset' | 'after' | 'order' | 'includeDeleted'>;
  /** A person on the watchlist (name, id or platform:handle): every account of theirs, within `query`. */
  person?: string;
  /** Message ids (16+ hex digits or unique prefixes); with `query`, only those that also match it are kept. */
  ids?: string[];
  /** Author-deleted messages too (admins only: the caller checks the role). */
  includeDeleted: boolean;
}

export interface Selected {
  messages: StoredMessage[];
  /** One line a person can read: what was asked for. */
  description: string;
  /** Ids asked for but left out, with why. */
  leftOut: string[];
}

const PAGE = 1000;

async function searchAll(store: Store, q: SearchQuery): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const hits = await store.search({ ...q, limit: PAGE, after, order: 'newest' });
    for (const h of hits) out.push(h.id);
    if (hits.length < PAGE) return out;
    after = hits[hits.length - 1].cursor;
  }
}

export async function loadMessages(store: Store, ids: string[]): Promise<StoredMessage[]> {
  const byId = new Map<string, StoredMessage>();
  for (const part of chunk(ids, 900)) {
    const rows = await store.db.selectFrom('messages').selectAll().where('id', 'in', part).execute();
    for (const r of rows) byId.set(r.id, rowToMessage(r as MessagesTable));
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function describe(sel: Selection): string {
  const q = sel.query ?? {};
  const parts: string[] = [];
  if (q.text) parts.push(`words "${q.text}"`);
  for (const k of ['platform', 'author', 'since', 'until', 'lang', 'category', 'placeKey', 'minUrgency'] as const)
    if (q[k] !== undefined) parts.push(`${k === 'placeKey' ? 'place' : k} ${q[k]}`);
  if (sel.person) parts.push(`person "${sel.person}"`);
  if (sel.ids) parts.push(`${sel.ids.length} message id(s)`);
  if (parts.length === 0) parts.push('every message');
  return `${parts.join(', ')}; ${sel.includeDeleted ? 'author-deleted messages included' : 'author-deleted messages left out'}`;
}

export async function selectMessages(store: Store, sel: Selection): Promise<Selected> {
  const base: SearchQuery = { ...(sel.query ?? {}), includeDeleted: sel.includeDeleted || undefined };
  const leftOut: string[] = [];
  let ids: string[];
  if (sel.person) {
    const person = await findPerson(store.db, sel.person);
    const seen = new Set<string>();
    ids = [];
    for (const a of person.accounts)
      for (const id of await searchAll(store, { ...base, platform: a.platform, author: a.handle }))
        if (!seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
  } else if (!sel.ids) ids = await searchAll(store, base);
  else ids = [];

  if (sel.ids) {
    const filtered = sel.query && Object.values(sel.query).some((v) => v !== undefined);
    const matching = filtered || sel.person ? new Set(sel.person ? ids : await searchAll(store, base)) : undefined;
    ids = [];
    for (const ref of sel.ids) {
      const m = await store.getMessage(ref);
      if (!m) throw new NotFoundError(`no message ${ref}`, ref);
      if (m.deleted && !sel.includeDeleted) leftOut.push(`${ref}: deleted by its author`);
      else if (matching && !matching.has(m.id)) leftOut.push(`${ref}: does not match the other filters`);
      else if (!ids.includes(m.id)) ids.push(m.id);
    }
  }
  if (sel.ids?.length === 0) throw new UsageError('--id: give at least one message id');
  return { messages: await loadMessages(store, ids), description: describe(sel), leftOut };
}
