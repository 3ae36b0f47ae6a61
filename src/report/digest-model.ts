import type { Explanation } from '../watch/explanation.ts';

/** The digest as data: what `--format json` prints and what every renderer reads. */

export type DigestLang = 'en' | 'ar';
export type DigestPeople = 'watchlist' | 'all';

export interface DigestOptions {
  /** ISO 8601 instants (inclusive). */
  since: string;
  until: string;
  place?: string;
  people: DigestPeople;
  lang: DigestLang;
}

export interface QuotePlace {
  name: string;
  nameAr?: string;
}

export interface QuoteTranslation {
  text: string;
  source: string;
  target: string;
  /** "LibreTranslate" */
  engine: string;
  model: string;
}

/** One post, quoted verbatim with everything needed to find it again. */
export interface DigestQuote {
  /** Identity hash (64 hex); people see its first 16 digits. */
  messageId: string;
  /** Ledger seq of the event that captured this version. */
  seq: number;
  platform: string;
  author: { id: string; handle?: string; name?: string };
  /** As posted, with its own offset. */
  postedAt: string;
  url?: string;
  text: string;
  /** Language of the text (triage's guess, else the source's). */
  lang?: string;
  places: QuotePlace[];
  category: string;
  /** A person confirmed the category; otherwise it is machine-sorted, not yet checked. */
  checked: boolean;
  urgency: number;
  /** Near-duplicates folded into this item (their ids; the quote is the earliest). */
  similar: string[];
  /** Media attached; graphic media is never shown, only counted. */
  media: { count: number; graphic: number };
  translation?: QuoteTranslation;
}

export type WatchKind = 'silent' | 'farewell_then_active' | 'alive_and_safe' | 'going_offline' | 'farewell';

export interface WatchEntry {
  personId: string;
  name: string;
  nameAr?: string;
  area?: string;
  areaAr?: string;
  kind: WatchKind;
  /** When the board first showed this state in the window (ISO, UTC). */
  at: string;
  /** The board's reason in words (English, canonical). */
  reason: string;
  explanation?: Explanation;
  /** Still in this state at the end of the window. */
  atEnd: boolean;
  /** The post behind it (farewell, safe message, last post), when there is one. */
  quote?: DigestQuote;
}

export interface OutageEntry {
  area: string;
  areaAr?: string;
  /** First and last board instant in the window that showed it. */
  seenFrom: string;
  seenTo: string;
  people: { id: string; name: string; nameAr?: string }[];
  reason: string;
}

export interface FigureValue {
  count: number;
  sources: DigestQuote[];
}

export interface IncidentFigure {
  kind: 'killed' | 'injured' | 'missing';
  group?: string;
  /** Distinct counts reported, each with the posts that reported it; two or more means the sources disagree. */
  values: FigureValue[];
  disagree: boolean;
}

export interface CasualtyIncident {
  place: QuotePlace;
  /** The day in the posts' own local time (YYYY-MM-DD). */
  day: string;
  figures: IncidentFigure[];
}

export interface PlaceCount {
  place: QuotePlace;
  lat: number;
  lon: number;
  damage: number;
  casualties: number;
}

export interface DigestSection<T> {
  items: T[];
  /** Items left out beyond the section's limit. */
  more: number;
}

export interface Digest {
  kind: 'vigil.digest';
  version: 1;
  generatedAt: string;
  options: DigestOptions;
  watchlist: {
    silent: WatchEntry[];
    farewellThenActive: WatchEntry[];
    safe: WatchEntry[];
    goingOffline: WatchEntry[];
    outages: OutageEntry[];
  };
  farewells: DigestSection<DigestQuote>;
  /** Last posts of people whose board state at the end is silent or farewell. */
  lastMessages: WatchEntry[];
  pleas: DigestSection<DigestQuote>;
  casualties: CasualtyIncident[];
  places: PlaceCount[];
  evacuation: DigestSection<DigestQuote>;
  totals: {
    /** Messages and accounts in the window (author-deleted posts left out). */
    messages: number;
    accounts: number;
    /** Reposts in the window: never quoted as the reposter's own words. */
    reposts: number;
    /** Distinct posts quoted in this digest. */
    quoted: number;
  };
  /** The command that reproduces this digest. */
  query: string;
  /** Nothing to report in the window. */
  empty: boolean;
  /** Set when VIGIL_TRANSLATE_URL was used. */
  translation?: { engine: string; model: string; failed: number };
}
