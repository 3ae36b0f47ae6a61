/**
 * Names, handles and notes come from senders; an unterminated override (U+202E) in one must not reverse the
 * interface text after it. Elements isolate with <bdi> or a dir attribute; text spliced into a sentence is
 * wrapped in FSI…PDI here, balanced so that a PDI inside the name cannot close the wrapper early.
 */
const OPEN_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const PDI = '\u2069';

export function isolate(s: string): string {
  let depth = 0;
  let out = '';
  for (const ch of s) {
    if (OPEN_ISOLATE.has(ch)) depth++;
    else if (ch === PDI) {
      if (depth === 0) continue;
      depth--;
    }
    out += ch;
  }
  // The closing PDI also ends any embedding or override left open inside.
  return `\u2068${out}${PDI.repeat(depth)}${PDI}`;
}

/** `text` with every occurrence of the given names isolated (longest name first where they overlap). */
export function isolateNames(text: string, names: readonly string[]): string {
  const list = [...new Set(names.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return text;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    let best: { at: number; name: string } | undefined;
    for (const name of list) {
      const at = text.indexOf(name, pos);
      if (at >= 0 && (!best || at < best.at)) best = { at, name };
    }
    if (!best) break;
    out += text.slice(pos, best.at) + isolate(best.name);
    pos = best.at + best.name.length;
  }
  return out + text.slice(pos);
}
