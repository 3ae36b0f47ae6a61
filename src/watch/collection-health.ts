import { accountKey, type Person } from '../core/person.ts';
import type { BoardRow } from './board.ts';
import type { CollectionFacts } from './explanation.ts';
import { describeTime } from './reason.ts';

/** A follow that is not collecting, and the people whose accounts it collects. */
export interface CollectionFailure extends CollectionFacts {
  people: string[];
}

/** What the board needs to know about live collection: each follow, whose it is, and how it is doing. */
export interface FollowHealth {
  key: string;
  platform: string;
  target: string;
  personId?: string;
  state: string;
  lastError?: string;
  lastSuccessAt?: string;
  nextTryAt?: string;
}

const NOT_COLLECTING = new Set(['failing', 'auth_needed', 'rate_limited']);
/** States a stopped collection explains; a farewell or an alive post stands on what was posted. */
const EXPLAINED = new Set(['silent', 'quiet', 'no_posts_yet']);

/** The follows collecting one person's accounts: linked to them, or followed under the same platform:handle. */
function followsOf(person: Person, follows: readonly FollowHealth[]): FollowHealth[] {
  const keys = new Set(person.accounts.map((a) => accountKey(a.platform, a.handle)));
  return follows.filter(
    (f) => f.personId === person.id || keys.has(accountKey(f.platform, f.target)) || keys.has(f.key.toLowerCase()),
  );
}

function facts(f: FollowHealth): CollectionFacts {
  return {
    source: f.key,
    state: f.state as CollectionFacts['state'],
    ...(f.lastError ? { error: f.lastError } : {}),
    ...(f.lastSuccessAt ? { lastSuccessAt: f.lastSuccessAt } : {}),
    ...(f.nextTryAt ? { nextTryAt: f.nextTryAt } : {}),
  };
}

/**
 * A person whose every followed account is failing is not silent, quiet or "no posts yet": we cannot see
 * them. Their state becomes collection_failing and names the sources; returns each failing source once
 * with the people it leaves unseen (one alert per source, not per person).
 */
export function applyCollectionHealth(rows: BoardRow[], follows: readonly FollowHealth[]): CollectionFailure[] {
  const failures = new Map<string, CollectionFailure>();
  for (const row of rows) {
    const mine = followsOf(row.person, follows);
    if (mine.length === 0 || !mine.every((f) => NOT_COLLECTING.has(f.state))) continue;
    for (const f of mine) {
      const entry = failures.get(f.key) ?? { ...facts(f), people: [] };
      entry.people.push(row.person.id);
      failures.set(f.key, entry);
    }
    const s = row.status;
    if (!EXPLAINED.has(s.state)) continue;
    const was =
      s.state === 'no_posts_yet'
        ? 'nothing collected yet'
        : `last post ${s.lastSeen ? describeTime(s.lastSeen) : 'unknown'}`;
    s.state = 'collection_failing';
    s.reason = `collection failing for ${mine.map((f) => `${f.key} (${f.lastError ?? f.state})`).join(', ')}; ${was}: their quiet says nothing about them until collection works again`;
    s.explanation = { ...(s.explanation ?? {}), kind: 'collection_failing', collection: mine.map(facts) };
  }
  return [...failures.values()];
}
