import { ALERT_ACKNOWLEDGED, type AlertAcknowledgedPayload } from '../core/alert.ts';
import { UsageError } from '../core/errors.ts';
import {
  type Account,
  type Note,
  noteId,
  PERSON_ADDED,
  PERSON_NOTED,
  type Person,
  type PersonAddedPayload,
  type PersonNotedPayload,
  type PfifStatus,
  personId,
} from '../core/person.ts';
import type { Store } from '../store/contract.ts';
import { findAlert } from '../store/queries/alerts.ts';
import { listFollows, listHealth } from '../store/queries/live.ts';
import { findPerson, listNotes, listPeople, messageCategoriesOf, postsOfAccounts } from '../store/queries/people.ts';
import { areaOf, resolveArea } from './area.ts';
import { type Board, type BoardOptions, DEFAULT_BOARD, evaluateBoard } from './board.ts';
import type { FollowHealth } from './collection-health.ts';
import type { WatchPost } from './state.ts';

/** The watchlist over a store: people and notes go in as ledger events, the board comes out. */

export interface AddPersonInput {
  name: string;
  nameAr?: string;
  accounts: Account[];
  area?: string;
  tags?: string[];
}

export async function addPerson(store: Store, input: AddPersonInput, actor: string, at: string): Promise<Person> {
  if (input.accounts.length === 0) throw new UsageError('a person needs at least one --account platform:handle');
  const person: Person = {
    id: personId(input.name, input.accounts),
    name: input.name.trim(),
    nameAr: input.nameAr?.trim() || undefined,
    accounts: input.accounts,
    ...resolveArea(input.area),
    tags: input.tags ?? [],
  };
  const existing = await listPeople(store.db);
  if (existing.some((p) => p.id === person.id)) return existing.find((p) => p.id === person.id) as Person;
  const payload: PersonAddedPayload = { person };
  await store.append([{ kind: PERSON_ADDED, at, actor, payload }]);
  return person;
}

export interface NoteInput {
  status?: PfifStatus;
  authorMadeContact?: boolean;
  text: string;
  supersedes?: string;
}

export async function notePerson(
  store: Store,
  ref: string,
  input: NoteInput,
  actor: string,
  at: string,
): Promise<Note> {
  const person = await findPerson(store.db, ref);
  if (input.supersedes) {
    const notes = await listNotes(store.db, person.id);
    if (!notes.some((n) => n.id === input.supersedes))
      throw new UsageError(`no note ${input.supersedes} on ${person.name}`, input.supersedes);
  }
  const note: Note = {
    id: noteId(person.id, at, actor, input.text),
    personId: person.id,
    status: input.status,
    authorMadeContact: input.authorMadeContact,
    text: input.text,
    author: actor,
    at,
    supersedes: input.supersedes,
  };
  const payload: PersonNotedPayload = { note };
  await store.append([{ kind: PERSON_NOTED, at, actor, payload }]);
  return note;
}

export async function acknowledgeAlert(
  store: Store,
  idOrPrefix: string,
  by: string,
  at: string,
  comment?: string,
): Promise<string> {
  const { alert } = await findAlert(store.db, idOrPrefix);
  const payload: AlertAcknowledgedPayload = { alertId: alert.id, by, comment };
  await store.append([{ kind: ALERT_ACKNOWLEDGED, at, actor: by, payload }]);
  return alert.id;
}

/** Every watched person (their area resolved), without their posts. */
export async function watchedPeople(store: Pick<Store, 'db'>): Promise<Person[]> {
  return (await listPeople(store.db)).map((person) => ({ ...person, area: areaOf(person) }));
}

/** Every watched person with their posts (all accounts merged) and triage categories where known. */
export async function loadWatchlist(store: Pick<Store, 'db'>): Promise<{ person: Person; posts: WatchPost[] }[]> {
  const out: { person: Person; posts: WatchPost[] }[] = [];
  const rowkeys: { id: string; rowkey: number }[] = [];
  for (const person of await watchedPeople(store)) {
    const posts = await postsOfAccounts(store.db, person.accounts);
    for (const p of posts) rowkeys.push(p);
    out.push({
      person,
      posts: posts.map((p) => ({
        id: p.id,
        at: Date.parse(p.postedAt),
        platform: p.platform,
        handle: p.handle ?? undefined,
        url: p.url ?? undefined,
        text: p.text,
        repost: p.repost || undefined,
      })),
    });
  }
  const categories = await messageCategoriesOf(store.db, rowkeys);
  for (const x of out) for (const p of x.posts) p.category = categories.get(p.id);
  return out;
}

/** Every follow with its collection health (never_tried before its first round). */
export async function loadFollowHealth(store: Store): Promise<FollowHealth[]> {
  const health = new Map((await listHealth(store.db)).map((h) => [h.followKey, h]));
  return (await listFollows(store.db)).map((f) => {
    const h = health.get(f.key);
    return {
      key: f.key,
      platform: f.platform,
      target: f.target,
      ...(f.personId ? { personId: f.personId } : {}),
      state: h?.state ?? 'never_tried',
      ...(h?.lastError ? { lastError: h.lastError } : {}),
      ...(h?.lastSuccessAt ? { lastSuccessAt: h.lastSuccessAt } : {}),
      ...(h?.nextTryAt ? { nextTryAt: h.nextTryAt } : {}),
    };
  });
}

export async function boardAt(store: Store, at: number, opts: BoardOptions = DEFAULT_BOARD): Promise<Board> {
  return evaluateBoard(await loadWatchlist(store), at, opts, await loadFollowHealth(store));
}
