import { arabicPlaceName } from '../analysis/extract/places.ts';
import { dupText, hamming, simhash } from '../analysis/near-dup.ts';
import type { Analysis } from '../core/analysis.ts';
import type { Media } from '../core/message.ts';
import { accountKey } from '../core/person.ts';
import type { DigestRow } from '../store/queries/digest.ts';
import type { DigestQuote } from './digest-model.ts';

/** A row with its analysis parsed once. */
export interface SelectedRow {
  row: DigestRow;
  analysis: Pick<Analysis, 'language' | 'casualties' | 'places'>;
}

export function parseRow(row: DigestRow): SelectedRow {
  let analysis: SelectedRow['analysis'] = { language: row.lang ?? 'und', casualties: [], places: [] };
  try {
    const a = JSON.parse(row.analysis) as Partial<Analysis>;
    analysis = { language: a.language ?? analysis.language, casualties: a.casualties ?? [], places: a.places ?? [] };
  } catch {
    // An unreadable analysis leaves the message quotable, without figures or places.
  }
  return { row, analysis };
}

/** Account keys a message can be matched by: platform:handle and platform:account id. */
export function rowAccountKeys(r: DigestRow): string[] {
  const keys = [accountKey(r.platform, r.authorId)];
  if (r.authorHandle) keys.push(accountKey(r.platform, r.authorHandle));
  return keys;
}

/**
 * The rows a digest may quote: reposts are someone else's words and never count as the reposter's;
 * with a watchlist filter, only posts by watched accounts.
 */
export function ownWords(rows: readonly SelectedRow[], watched?: ReadonlySet<string>): SelectedRow[] {
  return rows.filter((s) => s.row.repostOf === null && (!watched || rowAccountKeys(s.row).some((k) => watched.has(k))));
}

/**
 * Fold near-duplicates into one item: a person's merge decision first, then SimHash suggestions over the
 * rest. The earliest post of each group stands for it (rows arrive oldest first).
 */
export function collapseDuplicates(
  rows: readonly SelectedRow[],
  confirmedGroup: ReadonlyMap<string, string>,
): { lead: SelectedRow; similar: SelectedRow[] }[] {
  const byGroup = new Map<string, SelectedRow[]>();
  const loose: SelectedRow[] = [];
  for (const s of rows) {
    const g = confirmedGroup.get(s.row.id);
    if (g === undefined) {
      loose.push(s);
      continue;
    }
    const list = byGroup.get(g);
    if (list) list.push(s);
    else byGroup.set(g, [s]);
  }
  const groups: SelectedRow[][] = [...byGroup.values()];
  const byId = new Map(loose.map((s) => [s.row.id, s]));
  const clustered = new Set<string>();
  for (const members of nearDuplicateClusters(loose.map((s) => s.row))) {
    groups.push(members.map((id) => byId.get(id) as SelectedRow));
    for (const id of members) clustered.add(id);
  }
  for (const s of loose) if (!clustered.has(s.row.id)) groups.push([s]);
  return groups
    .map((g) => [...g].sort((a, b) => Date.parse(a.row.postedAt) - Date.parse(b.row.postedAt)))
    .map(([lead, ...similar]) => ({ lead, similar }));
}

/**
 * Candidates sharing one 16-bit band are compared pairwise; a band this crowded is a template family (a
 * week of a large crisis holds thousands of near-identical reports), and comparing all its pairs would cost
 * minutes. Such a band is skipped, like analysis skips bands over 5,000; its members still meet in their
 * other three bands.
 */
export const MAX_BAND = 256;

/**
 * The same SimHash suggestion as analysis' clusterNearDuplicates (within `maxDistance` bits, candidates
 * through 4 bands of 16 bits), with each text normalized once rather than once per compared pair: a
 * week's digest compares tens of thousands of posts.
 */
export function nearDuplicateClusters(
  items: readonly { id: string; text: string }[],
  maxDistance = 3,
  maxBand = MAX_BAND,
): string[][] {
  // Exact copies first (cheap): only one text of each is hashed.
  const quickKey = (t: string) =>
    t
      .toLowerCase()
      .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
      .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
      .replace(/@\w+/g, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  const firstOfKey = new Map<string, number>();
  const distinct: number[] = [];
  items.forEach((it, i) => {
    const k = quickKey(it.text);
    if (k === '') return;
    const f = firstOfKey.get(k);
    if (f === undefined) {
      firstOfKey.set(k, i);
      distinct.push(i);
    } else union(f, i);
  });
  const hashes = new Map<number, [number, number]>();
  const bands = new Map<string, number[]>();
  for (const i of distinct) {
    const h = simhash(items[i].text);
    // simhash of a text with no words (dupText empty): never a duplicate of anything, as in analysis.
    if (h[0] === 0 && h[1] === 0 && dupText(items[i].text) === '') continue;
    hashes.set(i, h);
    [h[0] >>> 16, h[0] & 0xffff, h[1] >>> 16, h[1] & 0xffff].forEach((part, b) => {
      const key = `${b}:${part}`;
      const list = bands.get(key);
      if (list) list.push(i);
      else bands.set(key, [i]);
    });
  }
  for (const list of bands.values()) {
    if (list.length < 2 || list.length > maxBand) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        if (find(list[x]) === find(list[y])) continue;
        const [hx, hy] = [hashes.get(list[x]), hashes.get(list[y])] as [number, number][];
        if (hamming(hx, hy) <= maxDistance) union(list[x], list[y]);
      }
  }
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(it.id);
    else groups.set(r, [it.id]);
  });
  return [...groups.values()].filter((m) => m.length > 1);
}

function mediaOf(json: string): { count: number; graphic: number } {
  try {
    const media = JSON.parse(json) as Media[];
    return { count: media.length, graphic: media.filter((m) => m.graphic).length };
  } catch {
    return { count: 0, graphic: 0 };
  }
}

export function toQuote(s: SelectedRow, similar: readonly SelectedRow[] = []): DigestQuote {
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
    similar: similar.map((x) => x.row.id),
    media: mediaOf(r.media),
  };
}
