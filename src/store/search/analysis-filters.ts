import { sql } from 'kysely';
import { normalizeArabic } from '../../core/arabic-normalize.ts';
import { addSearchFilter } from './search-filters.ts';

// placeKey arrives resolved (the caller maps a person's words to a gazetteer name through analysis);
// normalizing again is idempotent and lets a caller pass the gazetteer name as written ("Aleppo").
addSearchFilter((q) => {
  const out = [];
  if (q.category) out.push(sql`m.id in (select message_id from analyses where category = ${q.category})`);
  if (q.placeKey)
    out.push(
      sql`m.id in (select message_id from message_places where place_key = ${normalizeArabic(q.placeKey.trim())})`,
    );
  if (q.minUrgency !== undefined && Number.isFinite(q.minUrgency))
    out.push(sql`m.id in (select message_id from analyses where urgency >= ${q.minUrgency})`);
  return out;
});
