import { arabicPlaceName } from '../analysis/extract/places.ts';
import { clusterNearDuplicates } from '../analysis/near-dup.ts';
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
  for (const c of clusterNearDuplicates(loose.map((s) => ({ id: s.row.id, text: s.row.text })))) {
    groups.push(c.members.map((id) => byId.get(id) as SelectedRow));
    for (const id of c.members) clustered.add(id);
  }
  for (const s of loose) if (!clustered.has(s.row.id)) groups.push([s]);
  return groups
    .map((g) => [...g].sort((a, b) => Date.parse(a.row.postedAt) - Date.parse(b.row.postedAt)))
    .map(([lead, ...similar]) => ({ lead, similar }));
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
