import * as chrono from 'chrono-node';

export interface DateMention {
  text: string;
  /** ISO 8601 instant (UTC) of the start. */
  start: string;
  end?: string;
}

const HINT = /\d|today|tonight|yesterday|tomorrow|morning|evening|night|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|ago|last|next|امس|أمس|اليوم|غدا|غداً|الليل|ليله|ليلة|صباح|مساء|الساعه|الساعة|السبت|الاحد|الأحد|الاثنين|الإثنين|الثلاثاء|الاربعاء|الأربعاء|الخميس|الجمعه|الجمعة|منذ|قبل|بعد|[\u0660-\u0669]/i;
const ARABIC = /[\u0600-\u06ff]/;

function offsetMinutes(iso: string | undefined): number | undefined {
  const m = iso && /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return iso?.endsWith('Z') ? 0 : undefined;
}

/** Dates and times in an English or Arabic text, resolved relative to when it was posted. */
export function extractDates(text: string, postedAt?: string): DateMention[] {
  if (!HINT.test(text)) return [];
  const instant = postedAt ? new Date(postedAt) : new Date(0);
  const ref = { instant, timezone: offsetMinutes(postedAt) };
  const parsers = ARABIC.test(text) ? [chrono.ar, chrono.en] : [chrono.en];
  const out: DateMention[] = [];
  const seen = new Set<string>();
  for (const p of parsers) {
    for (const r of p.parse(text, ref)) {
      if (/^\d{1,4}$/.test(r.text.trim())) continue; // a bare number is a count, not a date
      const start = r.start.date().toISOString();
      if (seen.has(r.text)) continue;
      seen.add(r.text);
      out.push(r.end ? { text: r.text, start, end: r.end.date().toISOString() } : { text: r.text, start });
    }
  }
  return out;
}
