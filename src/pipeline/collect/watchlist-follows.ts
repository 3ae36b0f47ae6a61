import { liveSourceFor } from '../../sources/live/registry.ts';
import type { Store } from '../../store/contract.ts';
import { addFollow } from '../../store/queries/live.ts';
import { listPeople } from '../../store/queries/people.ts';

/**
 * Follows every watched person's account that a live source can collect (added as `auto`, with the
 * person). Accounts no source reads, or written in a form the source cannot use, are returned unfollowed.
 */
export async function followWatchlist(
  store: Store,
  at: string,
): Promise<{ added: string[]; unfollowable: { account: string; reason: string }[] }> {
  const added: string[] = [];
  const unfollowable: { account: string; reason: string }[] = [];
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
  return { added, unfollowable };
}
