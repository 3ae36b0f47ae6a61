import type { CasualtyIncident, DigestQuote, IncidentFigure, QuotePlace } from './digest-model.ts';
import type { SelectedRow } from './select.ts';

export const UNKNOWN_PLACE = 'place not named';

interface Reported {
  lead: SelectedRow;
  quote: DigestQuote;
}

/**
 * Every casualty figure, grouped by incident: the first place a post names and the day in the post's own
 * local time. Within an incident each kind of figure (killed, injured, missing; of children, women, ...)
 * lists every distinct count with the posts that gave it. Two counts mean the sources disagree: both are
 * shown, never an average. Near-duplicates were folded before this, so a copied post is one source.
 */
export function casualtyIncidents(reports: readonly Reported[]): CasualtyIncident[] {
  const incidents = new Map<string, { place: QuotePlace; day: string; figures: Map<string, IncidentFigure> }>();
  for (const { lead, quote } of reports) {
    if (!lead.analysis.casualties.length) continue;
    const place: QuotePlace = quote.places[0] ?? { name: UNKNOWN_PLACE };
    const day = quote.postedAt.slice(0, 10);
    const key = `${place.name}\n${day}`;
    let inc = incidents.get(key);
    if (!inc) {
      inc = { place, day, figures: new Map() };
      incidents.set(key, inc);
    }
    const seenHere = new Set<string>();
    for (const f of lead.analysis.casualties) {
      const fkey = `${f.kind}\n${f.group ?? ''}`;
      // One post giving the same figure twice is one report.
      if (seenHere.has(`${fkey}\n${f.count}`)) continue;
      seenHere.add(`${fkey}\n${f.count}`);
      let fig = inc.figures.get(fkey);
      if (!fig) {
        fig = { kind: f.kind, ...(f.group ? { group: f.group } : {}), values: [], disagree: false };
        inc.figures.set(fkey, fig);
      }
      const v = fig.values.find((x) => x.count === f.count);
      if (v) v.sources.push(quote);
      else fig.values.push({ count: f.count, sources: [quote] });
    }
  }
  const kindOrder = ['killed', 'injured', 'missing'];
  return [...incidents.values()]
    .map((inc) => ({
      place: inc.place,
      day: inc.day,
      figures: [...inc.figures.values()]
        .map((f) => ({ ...f, values: [...f.values].sort((a, b) => b.count - a.count), disagree: f.values.length > 1 }))
        .sort(
          (a, b) =>
            kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || (a.group ?? '').localeCompare(b.group ?? ''),
        ),
    }))
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        Number(a.place.name === UNKNOWN_PLACE) - Number(b.place.name === UNKNOWN_PLACE) ||
        a.place.name.localeCompare(b.place.name),
    );
}
