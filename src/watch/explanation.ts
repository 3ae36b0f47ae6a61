import type { Person } from '../core/person.ts';
import { areaNameAr } from './area.ts';
import type { AreaOutage } from './outage.ts';
import type { Judgement, Liveness, Rhythm } from './rhythm.ts';
import type { PersonState } from './state.ts';
import type { WideSilence } from './wide-silence.ts';

/**
 * A state's or an alert's reason as data rather than words: what kind of reason, and the numbers behind
 * it. The dashboard renders it in the page's language; the English `reason` string stays the canonical
 * record (ledger, CLI, webhooks, e-mail). Instants are ISO 8601 UTC, durations milliseconds, and every
 * number is finite (ledger events are canonical JSON, which has no NaN).
 */
export type ExplanationKind = PersonState | 'no_posts' | 'outage' | 'wide_silence';

export interface RhythmFacts {
  lastPostAt: string;
  currentGapMs: number;
  /** Their median gap between sessions; null when there are too few posts to know. */
  usualGapMs: number | null;
  /** Gaps the rhythm was learned from. */
  gaps: number;
  /** P(a gap at least this long) under their own history, time of day considered. */
  pGap: number;
  /** Too few gaps of their own: a wide prior carries the judgement. */
  prior: boolean;
}

export interface FarewellFacts {
  at: string;
  /** Posts after the farewell (and its thread). */
  postsSince: number;
}

export interface AliveFacts {
  at: string;
  /** Said they are safe, or broke an unusual silence to say they are alive. */
  why: 'said_safe' | 'broke_silence';
}

/** They said they were going offline (no internet, battery dying): a silence after it is expected. */
export interface OfflineFacts {
  at: string;
}

export interface OutageFacts {
  area: string;
  /** The area's Arabic name, when the gazetteer knows the place. */
  areaAr?: string;
  /** Watched people in the area who went quiet together ... */
  people: number;
  /** ... of this many there who have posted at all. */
  of: number;
  /** Earliest and latest last post in the group. */
  from: string;
  to: string;
  /** The chance of all these gaps at once by coincidence. */
  jointP: number;
  /** Set when the area's posts taken as one stream fell silent: nobody there has posted for this long. */
  areaGap?: { lastPostAt: string; currentGapMs: number; usualGapMs: number | null; pGap: number };
}

/** Nobody on the watchlist has posted for a gap their combined stream almost never has. */
export interface WideSilenceFacts {
  lastPostAt: string;
  currentGapMs: number;
  usualGapMs: number | null;
  pGap: number;
  /** People who had been posting just before it, of this many who have posted at all. */
  people: number;
  of: number;
}

export interface CollectionFacts {
  /** The follow: `twitter:omar`, `rss:https://…`. */
  source: string;
  state: 'failing' | 'auth_needed' | 'rate_limited';
  error?: string;
  lastSuccessAt?: string;
  nextTryAt?: string;
}

export interface PersonName {
  id: string;
  name: string;
  nameAr?: string;
}

export interface Explanation {
  kind: ExplanationKind;
  /** The rhythm judgement alone, before farewells and alive posts. */
  liveness?: Liveness;
  rhythm?: RhythmFacts;
  farewell?: FarewellFacts;
  alive?: AliveFacts;
  offline?: OfflineFacts;
  outage?: OutageFacts;
  /** Everyone on the watchlist silent at once (set by the board). */
  wide?: WideSilenceFacts;
  /** Live sources that are not collecting a person's accounts (state collection_failing, alert collection.failing). */
  collection?: CollectionFacts[];
  /** On alerts: whom a person alert is about, or the people of an area alert. */
  person?: PersonName;
  members?: PersonName[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const finite = (n: number) => (Number.isFinite(n) ? n : null);

export function rhythmFacts(j: Judgement, r: Rhythm): RhythmFacts {
  return {
    lastPostAt: iso(j.lastPostAt),
    currentGapMs: j.currentGapMs,
    usualGapMs: finite(r.medianGapMs),
    gaps: r.gaps,
    pGap: finite(j.pGap) ?? 1,
    prior: r.model.kind === 'prior',
  };
}

export interface SignalFacts {
  farewellAt?: number;
  postsSince?: number;
  aliveAt?: number;
  saidSafe?: boolean;
  offlineAt?: number;
}

/** The explanation of a person's state from the judgement, their rhythm and the life signal behind it. */
export function explain(kind: PersonState, j: Judgement, r: Rhythm, s: SignalFacts = {}): Explanation {
  const out: Explanation = { kind, liveness: j.liveness, rhythm: rhythmFacts(j, r) };
  if (s.farewellAt !== undefined) out.farewell = { at: iso(s.farewellAt), postsSince: s.postsSince ?? 0 };
  if (s.offlineAt !== undefined) out.offline = { at: iso(s.offlineAt) };
  if (s.aliveAt !== undefined) out.alive = { at: iso(s.aliveAt), why: s.saidSafe ? 'said_safe' : 'broke_silence' };
  return out;
}

export function outageFacts(o: AreaOutage): OutageFacts {
  const facts: OutageFacts = {
    area: o.area,
    ...(areaNameAr(o.area) ? { areaAr: areaNameAr(o.area) } : {}),
    people: o.people.length,
    of: o.of,
    from: iso(o.from),
    to: iso(o.to),
    jointP: finite(o.jointP) ?? 0,
  };
  const g = o.areaGap;
  if (g)
    facts.areaGap = {
      lastPostAt: iso(g.lastPostAt),
      currentGapMs: g.currentGapMs,
      usualGapMs: finite(g.usualGapMs),
      pGap: finite(g.pGap) ?? 1,
    };
  return facts;
}

export function wideSilenceFacts(w: WideSilence): WideSilenceFacts {
  return {
    lastPostAt: iso(w.lastPostAt),
    currentGapMs: w.currentGapMs,
    usualGapMs: finite(w.usualGapMs),
    pGap: finite(w.pGap) ?? 0,
    people: w.people.length,
    of: w.of,
  };
}

export function personName(p: Person): PersonName {
  return p.nameAr ? { id: p.id, name: p.name, nameAr: p.nameAr } : { id: p.id, name: p.name };
}
