import { arabicPlaceName } from '../analysis/extract/places.ts';
import { copyKeyOf, DIGEST_MAX_BAND, signatureRoots, simhashOf } from '../analysis/near-dup.ts';
import type { Analysis } from '../core/analysis.ts';
import type { Media } from '../core/message.ts';
import { accountKey } from '../core/person.ts';
import { parseCopyKey, parseSimhash } from '../core/signature-hex.ts';
import { type DigestCandidates, type DigestRow, emptyCandidates, type QuoteRow } from '../store/queries/digest.ts';
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
  const out = emptyCandidates();
  const typed = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(xs: T): T => {
    const ys = new (xs.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, k) => {
      ys[k] = xs[i];
    });
    return ys;
  };
  const sparse = <T>(m: Map<number, T>): Map<number, T> => {
    const ys = new Map<number, T>();
    if (m.size)
      keep.forEach((i, k) => {
        const v = m.get(i);
        if (v !== undefined) ys.set(k, v);
      });
    return ys;
  };
  return {
    ...out,
    length: keep.length,
    rowkey: typed(c.rowkey),
    category: typed(c.category),
    urgency: typed(c.urgency),
    figures: typed(c.figures),
    time: typed(c.time),
    signed: typed(c.signed),
    copyKind: typed(c.copyKind),
    copyHi: typed(c.copyHi),
    copyLo: typed(c.copyLo),
    copyOther: sparse(c.copyOther),
    simKind: typed(c.simKind),
    simHi: typed(c.simHi),
    simLo: typed(c.simLo),
    text: sparse(c.text),
    groupId: sparse(c.groupId),
    analysis: sparse(c.analysis),
    places: typed(c.places),
    placesJson: c.placesJson,
    author: sparse(c.author),
    row: sparse(c.row),
  };
}

/** Account keys of candidate `i` (its author was read). */
export function candidateAccountKeys(c: DigestCandidates, i: number): string[] {
  const a = c.author.get(i);
  return rowAccountKeys({
    platform: a?.platform ?? '',
    authorId: a?.authorId ?? '',
    authorHandle: a?.authorHandle ?? null,
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
  /** Posting time (ms) of a candidate. */
  time(i: number): number;
}

/**
 * Fold near-duplicates into one item: a person's merge decision first, then SimHash suggestions over the
 * rest (from each row's stored signature, or its text).
 */
export function collapseDuplicates(c: DigestCandidates): Folded {
  const n = c.length;
  const time = (i: number) => c.time[i];
  const merged = new Map<string, number[]>();
  const loose = new Int32Array(n);
  let L = 0;
  for (let i = 0; i < n; i++) {
    const g = c.groupId.size ? c.groupId.get(i) : undefined;
    if (g === undefined) {
      loose[L++] = i;
      continue;
    }
    const list = merged.get(g);
    if (list) list.push(i);
    else merged.set(g, [i]);
  }
  // The signatures of the loose candidates (a text without a stored one is hashed here).
  const kind = new Uint8Array(L);
  const hi = new Uint32Array(L);
  const lo = new Uint32Array(L);
  const other = new Map<number, string>();
  for (let j = 0; j < L; j++) {
    const i = loose[j];
    if (c.signed[i]) {
      kind[j] = c.copyKind[i];
      hi[j] = c.copyHi[i];
      lo[j] = c.copyLo[i];
      if (kind[j] === 2) other.set(j, c.copyOther.get(i) as string);
    } else {
      const k = copyKeyOf(c.text.get(i) ?? '');
      parseCopyKey(k, j, kind, hi, lo);
      if (kind[j] === 2) other.set(j, k);
    }
  }
  const roots = signatureRoots(
    L,
    { kind, hi, lo, other: (j) => other.get(j) as string },
    (j, h, l, at) => {
      const i = loose[j];
      if (!c.signed[i]) return parseSimhash(simhashOf(c.text.get(i) ?? ''), at, h, l);
      if (!c.simKind[i]) return false;
      h[at] = c.simHi[i];
      l[at] = c.simLo[i];
      return true;
    },
    3,
    DIGEST_MAX_BAND,
  );
  const size = new Int32Array(L);
  for (let j = 0; j < L; j++) size[roots[j]]++;
  const groups: number[][] = [...merged.values()];
  const clusterOf = new Map<number, number[]>();
  for (let j = 0; j < L; j++) {
    if (size[roots[j]] < 2) continue;
    let members = clusterOf.get(roots[j]);
    if (!members) {
      members = [];
      clusterOf.set(roots[j], members);
      groups.push(members);
    }
    members.push(loose[j]);
  }
  const lead = new Int32Array(groups.length + L);
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
  for (let j = 0; j < L; j++) if (size[roots[j]] < 2) lead[g++] = loose[j];
  similar.length = g;
  return { lead: lead.subarray(0, g), similar, time };
}

/**
 * The first `limit` of `items` as a stable sort by `cmp` would order them, without sorting them all: one pass
 * keeping the best `limit` (ties keep their order). The comparator must be a consistent order (no NaN).
 */
export function firstOf<T>(items: readonly T[], limit: number, cmp: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (limit <= 0) return best;
  for (const x of items) {
    if (best.length === limit && cmp(x, best[limit - 1]) >= 0) continue;
    // After every equal one already kept: those came first.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(x, best[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, x);
    if (best.length > limit) best.pop();
  }
  return best;
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
