import { arabicPlaceName, extractPlaces } from '../analysis/extract/places.ts';

/** A person's area as typed, plus the gazetteer's name for it when the text names a known place. */
export function resolveArea(text: string | undefined): { area?: string; areaKey?: string } {
  const area = text?.trim();
  if (!area) return {};
  try {
    const hit = extractPlaces(area)[0];
    return hit ? { area, areaKey: hit.name } : { area };
  } catch {
    // No gazetteer available: free text it is.
    return { area };
  }
}

/** The name areas are grouped and shown by. */
export function areaOf(p: { area?: string; areaKey?: string }): string | undefined {
  return p.areaKey ?? p.area;
}

/** An area's name for Arabic pages: the gazetteer's Arabic name when the area is a known place. */
export function areaNameAr(area: string | undefined): string | undefined {
  if (!area) return undefined;
  if (/[\u0600-\u06ff]/.test(area)) return area;
  try {
    return arabicPlaceName(area);
  } catch {
    return undefined;
  }
}
