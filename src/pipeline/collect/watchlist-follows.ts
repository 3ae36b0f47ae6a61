import { liveSourceFor } from '../../sources/live/registry.ts';
import type { Store } from '../../store/contract.ts';
import { addFollow, listFollows, removeFollow, setFollowPerson } from '../../store/queries/live.ts';
import { listPeople } from '../../store/queries/people.ts';

/**
 * Keeps the automatic follows in step with the watchlist: follows every watched person's account that
 * a live source can collect (added as `auto`, with the person), and removes automatic follows (with
 * their cursor and health) whose account no watched person has any more: the person left the watchlist
 * or the account was taken off their record. Follows added by hand are never touched. An account two
 * people share stays followed, under a person who still has it. Accounts no source reads, or written
 * in a form the source cannot use, are returned unfollowed.
 */
export async function followWatchlist(
  store: Store,
  at: string,
): Promise<{ added: string[]; removed: string[]; unfollowable: { account: string; reason: string }[] }> {
  const added: string[] = [];
  const removed: string[] = [];
  const unfollowable: { account: string; reason: string }[] = [];
  /** Follow key -> the people who have that account, in watchlist order. */
  const wanted = new Map<string, string[]>();
  for (const person of await listPeople(store.db)) {
    for (const a of person.accounts) {
      const source = liveSourceFor(a.platform);
      const account = `${a.platform}:${a.handle}`;
      if (!source) continue;
      let parsed: { key: string; target: string };
      try {
        parsed = source.parseTarget(a.handle);
      } catch (err) {
        unfollowable.push({ account, reason: (err as Error).message });
        continue;
      }
      wanted.set(parsed.key, [...(wanted.get(parsed.key) ?? []), person.id]);
      const ok = await addFollow(store.db, {
        ...parsed,
        platform: source.platform,
        personId: person.id,
        auto: true,
        addedAt: at,
        addedBy: 'watchlist',
      });
      if (ok) added.push(parsed.key);
    }
  }
  for (const f of await listFollows(store.db)) {
    if (!f.auto) continue;
    const people = wanted.get(f.key);
    if (!people) {
      if (await removeFollow(store.db, f.key)) removed.push(f.key);
    } else if (!f.personId || !people.includes(f.personId)) await setFollowPerson(store.db, f.key, people[0]);
  }
  return { added, removed, unfollowable };
}
