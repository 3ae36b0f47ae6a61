import { dupText, hamming, simhash } from '../analysis/near-dup.ts';
import type { StoredMessage } from '../store/contract.ts';
import { getMessageTriage } from '../store/queries/analysis.ts';
import type { ServerContext } from './context.ts';

const MAX_DISTANCE = 3;

/**
 * Near-duplicates of one message: candidates from full-text search on its most telling words, kept
 * when their SimHash is within the triage module's distance. Suggestions only, like the clusters.
 */
async function nearDuplicates(ctx: ServerContext, m: StoredMessage) {
  const words = dupText(m.text)
    .split(' ')
    .filter((w) => w.length >= 4)
    .sort((a, b) => b.length - a.length)
    .slice(0, 3);
  if (words.length === 0) return [];
  const mine = simhash(m.text);
  const seen = new Map<string, { id: string; text: string; postedAt: string; author: string; distance: number }>();
  for (const w of words) {
    for (const h of await ctx.store.search({ text: w, limit: 200 })) {
      if (h.id === m.id || seen.has(h.id)) continue;
      const distance = hamming(mine, simhash(h.text));
      if (distance <= MAX_DISTANCE) {
        seen.set(h.id, {
          id: h.id,
          text: h.text,
          postedAt: h.postedAt,
          author: h.author.handle ?? h.author.id,
          distance,
        });
      }
    }
  }
  return [...seen.values()]
    .sort((a, b) => a.distance - b.distance || a.postedAt.localeCompare(b.postedAt))
    .slice(0, 20);
}

/** Triage results for a message: category (a person's label outranks the model), figures, places, near-duplicates. */
export async function messageAnnotations(ctx: ServerContext, m: StoredMessage) {
  const t = await getMessageTriage(ctx.store.db, m.id);
  const a = t.analysis;
  const analysis =
    a || t.label
      ? {
          category: t.category ?? a?.category,
          modelCategory: a?.category,
          confidence: t.label ? 1 : (a?.confidence ?? 0),
          modelConfidence: a?.confidence,
          modelVersion: a?.modelVersion,
          source: t.label ? 'person' : 'model',
          confirmedBy: t.label?.actor,
          confirmedAt: t.label?.at,
          previous: t.label?.previous,
          language: a?.language,
          flags: a?.flags,
          casualties: a?.casualties ?? [],
          places: a?.places ?? [],
          dates: a?.dates ?? [],
        }
      : null;
  return { analysis, nearDuplicates: await nearDuplicates(ctx, m) };
}
