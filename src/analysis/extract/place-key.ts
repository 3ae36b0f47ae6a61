import { normalizeArabic } from '../../core/arabic-normalize.ts';
import { extractPlaces } from './places.ts';

/**
 * The store's key for the place a person typed ("حلب", "aleppo" → "aleppo", the normalized gazetteer
 * name), else their words normalized. What search callers pass as SearchQuery.placeKey.
 */
export function placeKey(place: string): string {
  const hit = extractPlaces(place)[0];
  return normalizeArabic(hit?.name ?? place.trim());
}
