import { type Explanation, explain } from './explanation.ts';
import { gapSurvival } from './gap-survival.ts';
import { describeSilence, describeTime } from './reason.ts';
import {
  DEFAULT_RHYTHM,
  type Judgement,
  judge,
  learnRhythm,
  type Rhythm,
  type RhythmOptions,
  sessions,
} from './rhythm.ts';
import { type LifeSignal, lifeSignal, statesSafety } from './signals.ts';
import { effectiveElapsed } from './time-of-day.ts';

export const PERSON_STATES = [
  'active',
  'quiet',
  'silent',
  'farewell',
  'farewell_then_active',
  'alive_and_safe',
  /** They said they are going offline (no internet, battery dying) and have not posted since: the silence is expected. */
  'offline_announced',
  /** On the watchlist, but nothing from their accounts has been collected: not a silence, a gap to check. */
  'no_posts_yet',
  /** Every live source that collects their accounts is failing: their quiet says nothing about them. */
  'collection_failing',
] as const;
export type PersonState = (typeof PERSON_STATES)[number];

/** A post as the watchlist sees it: when, where, and what triage (or the fallback) made of it. */
export interface WatchPost {
  /** Message id (identity hash) when stored. */
  id: string;
  at: number;
  platform: string;
  handle?: string;
  url?: string;
  /** Triage category when there is one. */
  category?: string;
  text?: string;
  /** A repost: counts as activity, never as their own farewell or alive message. */
  repost?: boolean;
}

export interface StateOptions {
  rhythm: RhythmOptions;
  /** Posts this soon after a farewell are part of it (a thread), not a return. */
  farewellGraceMs: number;
  /** farewell_then_active stays the headline this long after the farewell; then ordinary rules apply. */
  farewellHorizonMs: number;
  /**
   * An alive-and-safe post is the headline for this long, unless a silence follows, and only when it
   * says they are safe or broke an unusual silence: "still alive" in the middle of someone's usual
   * stream of posts is ordinary activity (after a farewell, it is farewell_then_active).
   */
  aliveHorizonMs: number;
  /**
   * After "going offline" and nothing since, the silence is expected for this long (offline_announced,
   * no silence alert); past it a silence is reported again, and its reason recalls the notice.
   */
  offlineHorizonMs: number;
  /** How many last messages a status links to. */
  lastMessages: number;
}

export const DEFAULT_STATE: StateOptions = {
  rhythm: DEFAULT_RHYTHM,
  farewellGraceMs: 60 * 60_000,
  farewellHorizonMs: 7 * 24 * 3_600_000,
  aliveHorizonMs: 24 * 3_600_000,
  offlineHorizonMs: 72 * 3_600_000,
  lastMessages: 3,
};

export interface PersonStatus {
  state: PersonState;
  /** Rhythm judgement alone, before farewells and alive posts are considered. */
  liveness: Judgement['liveness'] | 'unknown';
  lastSeen?: number;
  /** When the current state began (as far as the evidence shows). */
  since?: number;
  reason: string;
  /** The reason as data (kind and numbers), for rendering in any language. */
  explanation?: Explanation;
  judgement?: Judgement;
  rhythm?: Rhythm;
  signal?: { kind: LifeSignal; at: number; messageId: string };
  /** Newest first. */
  lastMessages: WatchPost[];
  /** Area name when an area-wide outage is likely to explain the silence (set by the board). */
  outage?: string;
}

/** A person's state at `at`, from their posts (any order; posts after `at` are ignored). */
export function personStatus(
  posts: readonly WatchPost[],
  at: number,
  opts: StateOptions = DEFAULT_STATE,
): PersonStatus {
  const seen = posts.filter((p) => p.at <= at).sort((a, b) => a.at - b.at);
  if (seen.length === 0)
    return {
      state: 'no_posts_yet',
      liveness: 'unknown',
      reason:
        'no posts from their accounts on record yet: check the handles, and that their platforms are being collected',
      explanation: { kind: 'no_posts' },
      lastMessages: [],
    };
  const last = seen[seen.length - 1];
  const rhythm = learnRhythm(
    seen.map((p) => p.at),
    opts.rhythm,
  );
  const j = judge(rhythm, last.at, at);
  const lastMessages = seen.slice(-opts.lastMessages).reverse();
  const base = { liveness: j.liveness, lastSeen: last.at, judgement: j, rhythm, lastMessages };

  let signal: PersonStatus['signal'];
  let farewell: PersonStatus['signal'];
  let alive: (PersonStatus['signal'] & { post: WatchPost }) | undefined;
  let offline: PersonStatus['signal'];
  for (const p of seen) {
    const kind = ownSignal(p);
    if (!kind) continue;
    signal = { kind, at: p.at, messageId: p.id };
    // Later farewell posts in the same thread extend the farewell rather than end it.
    if (kind === 'farewell') farewell = signal;
    else if (kind === 'going_offline') offline = signal;
    else alive = { ...signal, post: p };
  }
  const silence = describeSilence(j, rhythm);
  // Going offline counts only while it is their latest word: any post after it (its thread aside) ends it.
  const offlineNow =
    offline && !seen.some((p) => p.at > (offline?.at ?? 0) + opts.farewellGraceMs) ? offline : undefined;

  // A later last word of their own outranks a farewell: they said they are safe, or that they are going offline.
  const saidLater = (sig: PersonStatus['signal']) => !!farewell && !!sig && sig.at > farewell.at + opts.farewellGraceMs;
  const safeLater =
    saidLater(alive) &&
    alive !== undefined &&
    statesSafety(alive.post.text) &&
    !seen.some((p) => p.at > (alive?.at ?? 0) + opts.farewellGraceMs) &&
    j.liveness !== 'silent' &&
    at - alive.at <= opts.aliveHorizonMs;
  if (
    farewell &&
    !safeLater &&
    !saidLater(offlineNow) &&
    (at - farewell.at <= opts.farewellHorizonMs || !seen.some((p) => p.at > (farewell?.at ?? 0) + opts.farewellGraceMs))
  ) {
    const f = farewell;
    const after = seen.filter((p) => p.at > f.at + opts.farewellGraceMs);
    if (after.length === 0) {
      return {
        ...base,
        state: 'farewell',
        since: f.at,
        signal: f,
        reason: `posted a farewell ${describeTime(f.at)}; nothing since. ${silence}`,
        explanation: explain('farewell', j, rhythm, { farewellAt: f.at, postsSince: 0 }),
      };
    }
    if (j.liveness === 'silent' || j.liveness === 'quiet') {
      // Posting again after a farewell, then going quiet or silent: the gap is the news, the farewell its context.
      return {
        ...base,
        state: j.liveness,
        since: j.liveness === 'silent' ? j.silentAt : j.quietAt,
        signal: f,
        reason: `${silence} (after a farewell ${describeTime(f.at)} they had posted ${after.length} more times)`,
        explanation: explain(j.liveness, j, rhythm, { farewellAt: f.at, postsSince: after.length }),
      };
    }
    return {
      ...base,
      state: 'farewell_then_active',
      since: after[0].at,
      signal: f,
      reason: `posted a farewell ${describeTime(f.at)}, then ${after.length} posts since, the last ${describeTime(last.at)}`,
      explanation: explain('farewell_then_active', j, rhythm, { farewellAt: f.at, postsSince: after.length }),
    };
  }
  if (offlineNow && at - offlineNow.at <= opts.offlineHorizonMs) {
    return {
      ...base,
      state: 'offline_announced',
      since: offlineNow.at,
      signal: offlineNow,
      reason: `announced going offline at ${describeTime(offlineNow.at)}; a silence is expected. ${silence}`,
      explanation: explain('offline_announced', j, rhythm, { offlineAt: offlineNow.at }),
    };
  }
  if (offlineNow && j.liveness === 'silent') {
    return {
      ...base,
      state: 'silent',
      since: j.silentAt,
      signal: offlineNow,
      reason: `${silence} (they had announced going offline at ${describeTime(offlineNow.at)})`,
      explanation: explain('silent', j, rhythm, { offlineAt: offlineNow.at }),
    };
  }
  if (alive && j.liveness !== 'silent' && at - alive.at <= opts.aliveHorizonMs) {
    const why = statesSafety(alive.post.text)
      ? 'said they are safe'
      : brokeSilence(seen, alive.at, opts)
        ? 'broke an unusual silence to say they are alive'
        : undefined;
    if (why) {
      const { post: _p, ...sig } = alive;
      return {
        ...base,
        state: 'alive_and_safe',
        since: alive.at,
        signal: sig,
        reason: `${why} ${describeTime(alive.at)}. ${silence}`,
        explanation: explain('alive_and_safe', j, rhythm, {
          aliveAt: alive.at,
          saidSafe: statesSafety(alive.post.text),
        }),
      };
    }
  }
  const since = j.liveness === 'silent' ? j.silentAt : j.liveness === 'quiet' ? j.quietAt : activeSince(seen, rhythm);
  return { ...base, state: j.liveness, since, signal, reason: silence, explanation: explain(j.liveness, j, rhythm) };
}

/** Did the post at `at` end a gap that was already "silent" for them (or an outage they were part of)? */
function brokeSilence(seen: readonly WatchPost[], at: number, opts: StateOptions): boolean {
  const before = seen.filter((p) => p.at < at);
  if (before.length === 0) return false;
  const r = learnRhythm(
    before.map((p) => p.at),
    opts.rhythm,
  );
  return judge(r, before[before.length - 1].at, at).liveness === 'silent';
}

/** Their own life signal: reposts ("RT @someone: we are safe") speak for someone else. */
function ownSignal(p: WatchPost): LifeSignal | undefined {
  // A board judged at many instants asks it of the same posts again: kept with what it was read from, so a
  // post whose text, category or repost flag changed since is read again.
  const known = signalOf.get(p);
  if (known && known.text === p.text && known.category === p.category && known.repost === p.repost) return known.signal;
  const signal = p.repost || /^RT @/.test(p.text ?? '') ? undefined : lifeSignal(p.category, p.text);
  signalOf.set(p, { text: p.text, category: p.category, repost: p.repost, signal });
  return signal;
}

const signalOf = new WeakMap<
  WatchPost,
  {
    text: WatchPost['text'];
    category: WatchPost['category'];
    repost: WatchPost['repost'];
    signal: LifeSignal | undefined;
  }
>();

/** Start of the current run of activity: the first post after their last gap that was long enough to call them silent. */
function activeSince(seen: readonly WatchPost[], r: Rhythm): number {
  const sess = sessions(
    seen.map((p) => p.at),
    DEFAULT_RHYTHM.burstMs,
  );
  for (let i = sess.length - 1; i > 0; i--) {
    const from = sess[i - 1].end;
    const eff = effectiveElapsed(r.weights, from, sess[i].start);
    if (
      gapSurvival(r.model, eff, (from % 86_400_000) / 3_600_000) <= r.silentP &&
      sess[i].start - from >= r.silentFloorMs
    )
      return sess[i].start;
  }
  return sess[0].start;
}
