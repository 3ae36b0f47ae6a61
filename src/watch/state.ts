import { type Judgement, judge, learnRhythm, type Rhythm, type RhythmOptions, DEFAULT_RHYTHM } from './rhythm.ts';
import { type LifeSignal, lifeSignal } from './signals.ts';
import { describeSilence, describeTime } from './reason.ts';

export const PERSON_STATES = ['active', 'quiet', 'silent', 'farewell', 'farewell_then_active', 'alive_and_safe'] as const;
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
}

export interface StateOptions {
  rhythm: RhythmOptions;
  /** Posts this soon after a farewell are part of it (a thread), not a return. */
  farewellGraceMs: number;
  /** An alive-and-safe post stays the headline this long, unless a silence follows. */
  aliveHorizonMs: number;
  /** How many last messages a status links to. */
  lastMessages: number;
}

export const DEFAULT_STATE: StateOptions = {
  rhythm: DEFAULT_RHYTHM,
  farewellGraceMs: 60 * 60_000,
  aliveHorizonMs: 72 * 3_600_000,
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
  judgement?: Judgement;
  rhythm?: Rhythm;
  signal?: { kind: LifeSignal; at: number; messageId: string };
  /** Newest first. */
  lastMessages: WatchPost[];
  /** Area name when an area-wide outage is likely to explain the silence (set by the board). */
  outage?: string;
}

/** A person's state at `at`, from their posts (any order; posts after `at` are ignored). */
export function personStatus(posts: readonly WatchPost[], at: number, opts: StateOptions = DEFAULT_STATE): PersonStatus {
  const seen = posts.filter((p) => p.at <= at).sort((a, b) => a.at - b.at);
  if (seen.length === 0) return { state: 'quiet', liveness: 'unknown', reason: 'no posts from their accounts on record yet', lastMessages: [] };
  const last = seen[seen.length - 1];
  const rhythm = learnRhythm(
    seen.map((p) => p.at),
    opts.rhythm,
  );
  const j = judge(rhythm, last.at, at);
  const lastMessages = seen.slice(-opts.lastMessages).reverse();
  const base = { liveness: j.liveness, lastSeen: last.at, judgement: j, rhythm, lastMessages };

  let signal: PersonStatus['signal'];
  for (const p of seen) {
    const kind = lifeSignal(p.category, p.text);
    // Later farewell posts in the same thread extend the farewell rather than end it.
    if (kind) signal = { kind, at: p.at, messageId: p.id };
  }
  const silence = describeSilence(j, rhythm);

  if (signal?.kind === 'farewell') {
    const after = seen.filter((p) => p.at > signal.at + opts.farewellGraceMs);
    if (after.length === 0) {
      return { ...base, state: 'farewell', since: signal.at, signal, reason: `posted a farewell ${describeTime(signal.at)}; nothing since. ${silence}` };
    }
    if (j.liveness === 'silent') {
      return { ...base, state: 'silent', since: j.silentAt, signal, reason: `${silence} (after a farewell ${describeTime(signal.at)} they had posted ${after.length} more times)` };
    }
    return {
      ...base,
      state: 'farewell_then_active',
      since: after[0].at,
      signal,
      reason: `posted a farewell ${describeTime(signal.at)}, then ${after.length} posts since, the last ${describeTime(last.at)}`,
    };
  }
  if (signal?.kind === 'alive_and_safe' && j.liveness !== 'silent' && at - signal.at <= opts.aliveHorizonMs) {
    return { ...base, state: 'alive_and_safe', since: signal.at, signal, reason: `said they are alive and safe ${describeTime(signal.at)}. ${silence}` };
  }
  const since = j.liveness === 'silent' ? j.silentAt : j.liveness === 'quiet' ? j.quietAt : last.at;
  return { ...base, state: j.liveness, since, signal, reason: silence };
}
