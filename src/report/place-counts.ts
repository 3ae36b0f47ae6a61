import type { Analysis } from '../core/analysis.ts';
import type { PlaceCount } from './digest-model.ts';

export const DAMAGE = 'infrastructure_damage';
export const CASUALTIES = 'injured_or_dead';

/**
 * Shelling, damage and casualty reports per place (each folded group of near-duplicates counts once): the
 * leads of the groups, oldest group first, with the places their analysis names.
 */
export function placeCounts(
  leads: readonly { category: string; places: Analysis['places'] }[],
  arabic: (name: string) => string | undefined,
): PlaceCount[] {
  const out = new Map<string, PlaceCount>();
  for (const s of leads) {
    const cat = s.category;
    if (cat !== DAMAGE && cat !== CASUALTIES) continue;
    for (const p of s.places) {
      let c = out.get(p.name);
      if (!c) {
        const ar = arabic(p.name);
        c = {
          place: ar ? { name: p.name, nameAr: ar } : { name: p.name },
          lat: p.lat,
          lon: p.lon,
          damage: 0,
          casualties: 0,
        };
        out.set(p.name, c);
      }
      if (cat === DAMAGE) c.damage += 1;
      else c.casualties += 1;
    }
  }
  return [...out.values()].sort(
    (a, b) => b.damage + b.casualties - (a.damage + a.casualties) || a.place.name.localeCompare(b.place.name),
  );
}
