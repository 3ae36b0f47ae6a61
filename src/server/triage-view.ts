import type { Media } from '../core/message.ts';
import type { SearchHit } from '../store/contract.ts';
import { chunk } from '../store/projections/chunk.ts';
import { detectLifeSignal } from '../watch/signals.ts';
import type { ServerContext } from './context.ts';

export interface TriageView {
  category?: string;
  /** person: confirmed by someone; model: the classifier; keywords: the watchlist's narrow fallback. */
  categorySource?: 'person' | 'model' | 'keywords';
  confidence?: number;
}

/**
 * Category for a message that has no triage result yet: only the watchlist's deliberately narrow
 * farewell / alive-and-safe keyword fallback, and it says so (categorySource).
 */
export function triageOf(text: string): TriageView {
  const signal = detectLifeSignal(text);
  return signal ? { category: signal, categorySource: 'keywords' } : {};
}

export type ListedHit = SearchHit &
  TriageView & { media: Pick<Media, 'sha256' | 'mime' | 'graphic' | 'originalName'>[] };

/** Add triage and media (so lists can blur graphic images) to search hits. */
export async function enrichHits(ctx: ServerContext, hits: SearchHit[]): Promise<ListedHit[]> {
  const media = new Map<string, Media[]>();
  const triage = new Map<string, TriageView>();
  for (const part of chunk(
    hits.map((h) => h.id),
    500,
  )) {
    if (part.length === 0) continue;
    const rows = await ctx.store.db.selectFrom('messages').select(['id', 'media']).where('id', 'in', part).execute();
    for (const r of rows) media.set(r.id, JSON.parse(r.media));
    const analysed = await ctx.store.db
      .selectFrom('analyses')
      .leftJoin('labels', 'labels.message_id', 'analyses.message_id')
      .select(['analyses.message_id', 'analyses.category', 'analyses.confidence', 'labels.actor'])
      .where('analyses.message_id', 'in', part)
      .execute();
    for (const r of analysed) {
      triage.set(r.message_id, {
        category: r.category,
        categorySource: r.actor ? 'person' : 'model',
        confidence: r.actor ? 1 : r.confidence,
      });
    }
  }
  return hits.map((h) => ({
    ...h,
    ...(triage.get(h.id) ?? triageOf(h.text)),
    media: (media.get(h.id) ?? []).map((m) => ({
      sha256: m.sha256,
      mime: m.mime,
      graphic: m.graphic,
      originalName: m.originalName,
    })),
  }));
}
