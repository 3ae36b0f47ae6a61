import { sql } from 'kysely';
import { extractPlaces } from '../../analysis/extract/places.ts';
import { normalizeArabic } from '../../core/arabic-normalize.ts';
import { addSearchFilter } from './search-messages.ts';

/** The gazetteer name a user's --place means ("حلب", "aleppo" → "Aleppo"), else the words as given. */
export function placeKey(place: string): string {
  const hit = extractPlaces(place)[0];
  return normalizeArabic(hit?.name ?? place.trim());
}

addSearchFilter((q) => {
  const out = [];
  if (q.category) out.push(sql`m.id in (select message_id from analyses where category = ${q.category})`);
  if (q.place) out.push(sql`m.id in (select message_id from message_places where place_key = ${placeKey(q.place)})`);
  if (q.minUrgency !== undefined && Number.isFinite(q.minUrgency))
    out.push(sql`m.id in (select message_id from analyses where urgency >= ${q.minUrgency})`);
  return out;
});
