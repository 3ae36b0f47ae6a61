import { arabicPlaceName } from '../analysis/extract/places.ts';
import { DIGEST_MAX_BAND, nearDuplicateClusters } from '../analysis/near-dup.ts';
import type { Analysis } from '../core/analysis.ts';
import type { Media } from '../core/message.ts';
import { accountKey } from '../core/person.ts';
import type { DigestCandidate, DigestRow } from '../store/queries/digest.ts';
import type { DigestQuote } from './digest-model.ts';

/** A row with its analysis parsed once. */
export interface SelectedRow {
  row: DigestRow;
  analysis: Pick<Analysis, 'language' | 'casualties' | 'places'>;
}

export function parseRow(row: DigestRow): SelectedRow {
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

/**
 * The candidates a digest may quote (reposts, someone else's words, were left out by the query): with a
 * watchlist filter, only posts by watched accounts.
 */
export function ownWords(rows: readonly DigestCandidate[], watched?: ReadonlySet<string>): DigestCandidate[] {
  if (!watched) return [...rows];
  return rows.filter((r) => rowAccountKeys(r).some((k) => watched.has(k)));
}

export interface FoldedGroup {
  lead: DigestCandidate;
  /** The other members, oldest first. */
  similar: DigestCandidate[];
}

/**
 * Fold near-duplicates into one item: a person's merge decision first, then SimHash suggestions over the
 * rest (from each row's stored signature, or its text). The earliest post of each group stands for it
 * (rows arrive oldest first).
 */
export function collapseDuplicates(rows: readonly DigestCandidate[]): FoldedGroup[] {
  const byGroup = new Map<string, DigestCandidate[]>();
  const loose: DigestCandidate[] = [];
  for (const r of rows) {
    if (r.groupId === null) {
      loose.push(r);
      continue;
    }
    const list = byGroup.get(r.groupId);
    if (list) list.push(r);
    else byGroup.set(r.groupId, [r]);
  }
  const groups: DigestCandidate[][] = [...byGroup.values()];
  const byId = new Map(loose.map((r) => [r.id, r]));
  const clustered = new Set<string>();
  const inputs = loose.map((r) =>
    r.copyKey !== null && r.simhash !== null
      ? { id: r.id, signature: { copyKey: r.copyKey, simhash: r.simhash } }
      : { id: r.id, text: r.text ?? '' },
  );
  for (const members of nearDuplicateClusters(inputs, 3, DIGEST_MAX_BAND)) {
    groups.push(members.map((id) => byId.get(id) as DigestCandidate));
    for (const id of members) clustered.add(id);
  }
  for (const r of loose) if (!clustered.has(r.id)) groups.push([r]);
  return groups.map((g) => {
    if (g.length === 1) return { lead: g[0], similar: [] };
    const [lead, ...similar] = g
      .map((r) => ({ r, t: Date.parse(r.postedAt) }))
      .sort((a, b) => a.t - b.t)
      .map((x) => x.r);
    return { lead, similar };
  });
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
