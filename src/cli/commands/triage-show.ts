import { getMessageTriage } from '../../store/queries/analysis.ts';
import type { ShowSection } from './show.ts';

/** The triage part of `vigil show`: category (a person's label first), flags and extractions. */
export const triageShowSection: ShowSection = async (m, ctx) => {
  const t = await getMessageTriage(ctx.store.db, m.id);
  if (!t.analysis && !t.label) return undefined;
  const a = t.analysis;
  const lines = [
    `  category     ${t.category}${t.label ? ` (confirmed by ${t.label.actor} at ${t.label.at}; model said ${a?.category ?? '-'})` : a ? ` (model, confidence ${a.confidence.toFixed(2)})` : ''}`,
  ];
  if (a) {
    lines.push(
      `  language     ${a.language}   urgency ${a.flags.urgency.toFixed(2)}${a.flags.eyewitness ? '   eyewitness' : ''}`,
    );
    if (a.casualties.length)
      lines.push(
        `  casualties   ${a.casualties.map((c) => `${c.kind} ${c.count}${c.group ? ` ${c.group}` : ''}`).join(', ')}`,
      );
    if (a.places.length)
      lines.push(`  places       ${a.places.map((p) => `${p.name} (${p.lat}, ${p.lon})`).join(', ')}`);
    if (a.dates.length) lines.push(`  dates        ${a.dates.map((d) => `"${d.text}" = ${d.start}`).join(', ')}`);
    lines.push(`  model        ${a.modelVersion}`);
  }
  return { title: 'triage', json: { category: t.category, label: t.label, analysis: a }, text: lines.join('\n') };
};
