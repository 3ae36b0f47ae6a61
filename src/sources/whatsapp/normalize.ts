/** Bidi and formatting marks WhatsApp puts around dates, names and attachments. */
const DROP = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/;
const SPACE = /[\u00a0\u2007\u202f]/;

/**
 * Line normalised for header matching: Arabic-Indic and Persian digits to ASCII, bidi marks
 * removed, no-break spaces to spaces, Arabic comma to comma. `map[i]` is the index in the original
 * of normalised char i, so the body can be cut from the original text unchanged.
 */
export function normalizeForHeader(line: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (DROP.test(ch)) continue;
    const code = ch.charCodeAt(0);
    let out = ch;
    if (code >= 0x0660 && code <= 0x0669) out = String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) out = String(code - 0x06f0);
    else if (SPACE.test(ch)) out = ' ';
    else if (ch === '\u060c') out = ',';
    text += out;
    map.push(i);
  }
  map.push(line.length);
  return { text, map };
}

export function stripMarks(s: string): string {
  return s.replace(
    /^[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\s]+|[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\s]+$/g,
    '',
  );
}
