import { arabicPlaceName } from '../analysis/extract/places.ts';
import { copyKeyOf, DIGEST_MAX_BAND, nearDuplicateRoots, simhashOf } from '../analysis/near-dup.ts';
import type { Analysis } from '../core/analysis.ts';
import type { Media } from '../core/message.ts';
import { accountKey } from '../core/person.ts';
import type { DigestCandidates, DigestRow, QuoteRow } from '../store/queries/digest.ts';
import type { DigestQuote } from './digest-model.ts';

/** A row with its analysis parsed once. */
export interface SelectedRow {
  row: QuoteRow;
  analysis: Pick<Analysis, 'language' | 'casualties' | 'places'>;
}

export function parseRow(row: QuoteRow): SelectedRow {
  return { row, analysis: parseAnalysis(row.analysis, row.lang) };
}

/** What the digest uses of an analysis JSON. */
export function parseAnalysis(json: string, lang: string | null): SelectedRow['analysis'] {
  let analysis: SelectedRow['analysis'] = { language: lang ?? 'und', casualties: [], places: [] };
  try {
    const a = JSON.parse(json) as Partial<Analysis>;
    analysis = { language: a.language ?? analysis.language, casualties: a.casualties ?? [], places: a.places ?? [] };
  } catch {
    // An unreadable analysis leaves the message quotable, without figures or places.
  }
  return analysis;
}

/** Account keys a message can be matched by: platform:handle and platform:account id. */
export function rowAccountKeys(r: Pick<DigestRow, 'platform' | 'authorId' | 'authorHandle'>): string[] {
  const keys = [accountKey(r.platform, r.authorId)];
  if (r.authorHandle) keys.push(accountKey(r.platform, r.authorHandle));
  return keys;
}

/** The candidates kept at `keep` (indices, ascending), as columns again. */
function subset(c: DigestCandidates, keep: readonly number[]): DigestCandidates {
  const pick = <T>(xs: ArrayLike<T>) => keep.map((i) => xs[i]);
  return {
    length: keep.length,
    rowkey: Float64Array.from(pick(c.rowkey)),
    category: Uint8Array.from(pick(c.category)),
    urgency: Float64Array.from(pick(c.urgency)),
    figures: Int32Array.from(pick(c.figures)),
    postedAt: pick(c.postedAt),
    copyKey: pick(c.copyKey),
    simhash: pick(c.simhash),
    text: pick(c.text),
    groupId: pick(c.groupId),
    analysis: pick(c.analysis),
    places: pick(c.places),
    row: pick(c.row),
    platform: pick(c.platform),
    authorId: pick(c.authorId),
    authorHandle: pick(c.authorHandle),
  };
}

/** Account keys of candidate `i` (its author was read). */
export function candidateAccountKeys(c: DigestCandidates, i: number): string[] {
  return rowAccountKeys({
    platform: c.platform[i] ?? '',
    authorId: c.authorId[i] ?? '',
    authorHandle: c.authorHandle[i],
  });
}

/**
 * The candidates a digest may quote (reposts, someone else's words, were left out by the query): with a
 * watchlist filter, only posts by watched accounts (their authors must have been read).
 */
export function ownWords(c: DigestCandidates, watched?: ReadonlySet<string>): DigestCandidates {
  if (!watched) return c;
  const keep: number[] = [];
  for (let i = 0; i < c.length; i++) if (candidateAccountKeys(c, i).some((k) => watched.has(k))) keep.push(i);
  return subset(c, keep);
}

/**
 * Candidates folded into groups, in group order: a person's merge decisions first (in order of their first
 * candidate), then SimHash clusters (in order of their first candidate), then every candidate left alone.
 * The earliest post of each group leads it (a stable sort by time: equal times keep the query's order).
 */
export interface Folded {
  /** Candidate index of each group's lead. */
  lead: Int32Array;
  /** The other members of each group of two or more (candidate indices, oldest first); undefined when alone. */
  similar: (number[] | undefined)[];
  /** Posting time (ms) of a candidate, parsed once. */
  time(i: number): number;
}

/**
 * Fold near-duplicates into one item: a person's merge decision first, then SimHash suggestions over the
 * rest (from each row's stored signature, or its text).
 */
export function collapseDuplicates(c: DigestCandidates): Folded {
  const n = c.length;
  const times = new Float64Array(n).fill(Number.NaN);
  const time = (i: number) => {
    let t = times[i];
    if (Number.isNaN(t)) {
      t = Date.parse(c.postedAt[i]);
      times[i] = t;
    }
    return t;
  };
  const merged = new Map<string, number[]>();
  const loose: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = c.groupId[i];
    if (g === null) {
      loose.push(i);
      continue;
    }
    const list = merged.get(g);
    if (list) list.push(i);
    else merged.set(g, [i]);
  }
  const textOf = (i: number) => c.text[i] ?? '';
  const signed = (i: number) => c.copyKey[i] !== null && c.simhash[i] !== null;
  const roots = nearDuplicateRoots(
    loose.length,
    (j) => {
      const i = loose[j];
      return signed(i) ? (c.copyKey[i] as string) : copyKeyOf(textOf(i));
    },
    (j) => {
      const i = loose[j];
      return signed(i) ? (c.simhash[i] as string) : simhashOf(textOf(i));
    },
    3,
    DIGEST_MAX_BAND,
  );
  const size = new Int32Array(loose.length);
  for (let j = 0; j < loose.length; j++) size[roots[j]]++;
  const groups: number[][] = [...merged.values()];
  const clusterOf = new Map<number, number[]>();
  for (let j = 0; j < loose.length; j++) {
    if (size[roots[j]] < 2) continue;
    let members = clusterOf.get(roots[j]);
    if (!members) {
      members = [];
      clusterOf.set(roots[j], members);
      groups.push(members);
    }
    members.push(loose[j]);
  }
  const lead = new Int32Array(groups.length + loose.length);
  const similar: (number[] | undefined)[] = [];
  let g = 0;
  for (const members of groups) {
    const sorted =
      members.length === 1
        ? members
        : members
            .map((i) => ({ i, t: time(i) }))
            .sort((a, b) => a.t - b.t)
            .map((x) => x.i);
    lead[g] = sorted[0];
    similar[g] = sorted.length > 1 ? sorted.slice(1) : undefined;
    g++;
  }
  for (let j = 0; j < loose.length; j++) if (size[roots[j]] < 2) lead[g++] = loose[j];
  similar.length = g;
  return { lead: lead.subarray(0, g), similar, time };
}

function mediaOf(json: string): { count: number; graphic: number } {
  try {
    const media = JSON.parse(json) as Media[];
    return { count: media.length, graphic: media.filter((m) => m.graphic).length };
  } catch {
    return { count: 0, graphic: 0 };
  }
}

export function toQuote(s: SelectedRow, similar: readonly string[] = []): DigestQuote {
  const r = s.row;
  const lang = s.analysis.language && s.analysis.language !== 'und' ? s.analysis.language : (r.lang ?? undefined);
  return {
    messageId: r.id,
    seq: r.seq,
    platform: r.platform,
    author: {
      id: r.authorId,
      ...(r.authorHandle ? { handle: r.authorHandle.replace(/^@/, '') } : {}),
      ...(r.authorName ? { name: r.authorName } : {}),
    },
    postedAt: r.postedAt,
    ...(r.url ? { url: r.url } : {}),
    text: r.text,
    ...(lang ? { lang } : {}),
    places: s.analysis.places.map((p) => {
      const ar = arabicPlaceName(p.name);
      return ar ? { name: p.name, nameAr: ar } : { name: p.name };
    }),
    category: r.category,
    checked: r.labelActor !== null,
    urgency: r.urgency,
    similar: [...similar],
    media: mediaOf(r.media),
  };
}
