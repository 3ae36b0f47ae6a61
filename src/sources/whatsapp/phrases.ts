import { readFileSync } from 'node:fs';
import type { MessageKind } from '../../core/message.ts';

/** Columns of phrases.tsv that name a system notice. */
const NOTICE_COLUMNS = [
  'encryption',
  'security-code',
  'created',
  'added',
  'removed',
  'left',
  'joined',
  'subject',
  'icon',
  'disappearing',
  'admin',
  'number-changed',
] as const;
export type NoticeKind = (typeof NOTICE_COLUMNS)[number] | 'notice';

/** Columns that name a post by its placeholder text, and the message kind each gives. */
const PLACEHOLDER_COLUMNS = {
  media: 'media',
  contact: 'contact',
  deleted: 'deleted',
  call: 'call',
  location: 'location',
  attached: 'media',
} as const satisfies Record<string, MessageKind>;
type PlaceholderColumn = keyof typeof PLACEHOLDER_COLUMNS;

interface Phrase {
  text: string;
  lang: string;
}

/** Bidi marks and no-break spaces do not count when a line is compared with the table. */
export function foldForMatch(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\u00a0\u2007\u202f\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

function load(): {
  notices: Map<NoticeKind, Phrase[]>;
  placeholders: Map<PlaceholderColumn, Phrase[]>;
  langs: string[];
} {
  const tsv = readFileSync(new URL('./phrases.tsv', import.meta.url), 'utf8');
  const rows = tsv.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const head = (rows.shift() ?? '').split('\t');
  const notices = new Map<NoticeKind, Phrase[]>();
  const placeholders = new Map<PlaceholderColumn, Phrase[]>();
  const langs: string[] = [];
  for (const row of rows) {
    const cells = row.split('\t');
    const lang = cells[0] as string;
    langs.push(lang);
    head.forEach((col, i) => {
      if (i === 0) return;
      const phrases = (cells[i] ?? '')
        .split(' | ')
        .map(foldForMatch)
        .filter((p) => p !== '')
        .map((text) => ({ text, lang }));
      if ((NOTICE_COLUMNS as readonly string[]).includes(col)) {
        const k = col as NoticeKind;
        notices.set(k, [...(notices.get(k) ?? []), ...phrases]);
      } else if (col in PLACEHOLDER_COLUMNS) {
        const k = col as PlaceholderColumn;
        placeholders.set(k, [...(placeholders.get(k) ?? []), ...phrases]);
      } else throw new Error(`phrases.tsv: unknown column ${col}`);
    });
  }
  return { notices, placeholders, langs };
}

const TABLE = load();

/** Languages with a row in phrases.tsv. */
export const NOTICE_LANGUAGES: readonly string[] = TABLE.langs;

/**
 * Which system notice a line is, by the longest phrase of the table found in it ("hat die Gruppe
 * verlassen" is a departure, not "hat die Gruppe … erstellt"). Only asked about lines whose structure
 * already sets them apart, so a post that happens to say "added" is never one.
 */
export function noticeKind(text: string): { kind: NoticeKind; lang: string } | undefined {
  const folded = foldForMatch(text);
  let best: { kind: NoticeKind; lang: string; length: number } | undefined;
  for (const [kind, phrases] of TABLE.notices)
    for (const p of phrases)
      if (p.text.length > (best?.length ?? 0) && folded.includes(p.text))
        best = { kind, lang: p.lang, length: p.text.length };
  return best ? { kind: best.kind, lang: best.lang } : undefined;
}

/** Placeholder phrases by their first characters: most lines are posts, and this rules them out at once. */
const PREFIX = 3;
const PLACEHOLDERS_BY_PREFIX = new Map<string, (Phrase & { col: PlaceholderColumn })[]>();
for (const [col, phrases] of TABLE.placeholders)
  for (const p of phrases) {
    if (p.text.length < PREFIX)
      throw new Error(`phrases.tsv: placeholder "${p.text}" is shorter than ${PREFIX} characters`);
    const k = p.text.slice(0, PREFIX);
    PLACEHOLDERS_BY_PREFIX.set(k, [...(PLACEHOLDERS_BY_PREFIX.get(k) ?? []), { ...p, col }]);
  }

const LEADING_MARKS = /^[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\s]+/;
const URL_AFTER = /^\s*\S*https?:\/\/\S+|^\s*geo:/i;

/**
 * The kind of post a placeholder line is: "image omitted", "<attached: …>", "location: https://…",
 * "This message was deleted", "Missed voice call". A line that opened with U+200E (WhatsApp wrote
 * it, not the person) needs only to start with the phrase; a plain line must be exactly the phrase,
 * or the phrase followed by a link for a location, so a post that starts "Location: the school" stays text.
 */
export function placeholderKind(firstLine: string, marked: boolean): MessageKind | undefined {
  // most lines are posts: rule them out by their first character before folding the line
  const lead = LEADING_MARKS.exec(firstLine)?.[0].length ?? 0;
  const key = firstLine
    .slice(lead, lead + 8)
    .normalize('NFC')
    .slice(0, PREFIX)
    .toLowerCase();
  if (!PLACEHOLDERS_BY_PREFIX.has(key)) return undefined;
  const folded = foldForMatch(firstLine.length > 300 ? firstLine.slice(0, 300) : firstLine);
  const bucket = PLACEHOLDERS_BY_PREFIX.get(folded.slice(0, PREFIX));
  if (!bucket) return undefined;
  let best: { kind: MessageKind; length: number } | undefined;
  for (const p of bucket) {
    if (p.text.length <= (best?.length ?? 0) || !folded.startsWith(p.text)) continue;
    const after = folded.slice(p.text.length);
    const ok =
      p.col === 'location'
        ? URL_AFTER.test(after) || (marked && after.trim() !== '')
        : p.col === 'attached'
          ? folded.endsWith('>')
          : marked || after.replace(/[.\s]+$/, '') === '';
    if (ok) best = { kind: PLACEHOLDER_COLUMNS[p.col], length: p.text.length };
  }
  return best?.kind;
}
