import type { Person } from '../core/person.ts';
import { applyCollectionHealth, type CollectionFailure, type FollowHealth } from './collection-health.ts';
import { type Explanation, outageFacts, wideSilenceFacts } from './explanation.ts';
import { type AreaOutage, DEFAULT_OUTAGE, detectOutages, type OutageOptions } from './outage.ts';
import {
  DEFAULT_STATE,
  type PersonState,
  type PersonStatus,
  personStatus,
  type StateOptions,
  type WatchPost,
} from './state.ts';
import { DEFAULT_WIDE_SILENCE, detectWideSilence, type WideSilence, type WideSilenceOptions } from './wide-silence.ts';

/** The watchlist at one moment: every person's state, with area outages folded in. */
export interface BoardOptions {
  state: StateOptions;
  outage: OutageOptions;
  wideSilence: WideSilenceOptions;
}

export const DEFAULT_BOARD: BoardOptions = {
  state: DEFAULT_STATE,
  outage: DEFAULT_OUTAGE,
  wideSilence: DEFAULT_WIDE_SILENCE,
};

export interface BoardRow {
  person: Person;
  status: PersonStatus;
}

export interface Board {
  at: number;
  rows: BoardRow[];
  outages: AreaOutage[];
  /** Everyone silent at once: likely Vigil's collection stopped, or a blackout wider than one area. */
  wideSilence?: WideSilence;
  /** Live sources that are not collecting, each with the people it leaves unseen. */
  collectionFailures?: CollectionFailure[];
}

export function evaluateBoard(
  people: readonly { person: Person; posts: readonly WatchPost[] }[],
  at: number,
  opts: BoardOptions = DEFAULT_BOARD,
  follows: readonly FollowHealth[] = [],
): Board {
  const rows = people.map(({ person, posts }) => ({ person, status: personStatus(posts, at, opts.state) }));
  const collectionFailures = applyCollectionHealth(rows, follows);
  // People we cannot see (their collection is failing) say nothing about their area or the watchlist.
  const members = rows
    .map((r, i) => ({
      personId: r.person.id,
      area: r.person.area,
      status: r.status,
      times: people[i].posts.map((p) => p.at),
    }))
    .filter((m) => m.status.state !== 'collection_failing');
  const outages = detectOutages(members, opts.outage, at);
  for (const o of outages) {
    for (const r of rows) {
      if (!o.people.includes(r.person.id)) continue;
      r.status.outage = o.area;
      r.status.reason += `; an outage in ${o.area} is likely (${o.people.length} of ${o.of} people there went quiet together)`;
      if (r.status.explanation) r.status.explanation = { ...r.status.explanation, outage: outageFacts(o) };
    }
  }
  const wideSilence = detectWideSilence(members, at, opts.wideSilence ?? DEFAULT_WIDE_SILENCE);
  if (wideSilence) {
    for (const r of rows) {
      if (!wideSilence.people.includes(r.person.id)) continue;
      r.status.reason += `; nobody on the watchlist has posted since then either: collection may have stopped, or a wider blackout`;
      if (r.status.explanation) r.status.explanation = { ...r.status.explanation, wide: wideSilenceFacts(wideSilence) };
    }
  }
  return {
    at,
    rows,
    outages,
    ...(wideSilence ? { wideSilence } : {}),
    ...(collectionFailures.length ? { collectionFailures } : {}),
  };
}

/** The `vigil status --json` row. */
export interface StatusJson {
  person: string;
  personId: string;
  state: PersonState;
  lastSeen: string | null;
  since: string | null;
  reason: string;
  /** The reason as data, for rendering in another language; absent only when nothing explains it. */
  explanation: Explanation | null;
  outage: string | null;
  area: string | null;
  lastMessages: { id: string; at: string; platform: string; url?: string }[];
}

export function statusJson(row: BoardRow): StatusJson {
  const s = row.status;
  return {
    person: row.person.name,
    personId: row.person.id,
    state: s.state,
    lastSeen: s.lastSeen === undefined ? null : new Date(s.lastSeen).toISOString(),
    since: s.since === undefined ? null : new Date(s.since).toISOString(),
    reason: s.reason,
    explanation: s.explanation ?? null,
    outage: s.outage ?? null,
    area: row.person.area ?? null,
    lastMessages: s.lastMessages.map((m) => ({
      id: m.id,
      at: new Date(m.at).toISOString(),
      platform: m.platform,
      url: m.url,
    })),
  };
}
