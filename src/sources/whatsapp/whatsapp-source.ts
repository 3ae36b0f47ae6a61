import { ImportError } from '../../core/errors.ts';
import type { Author, Media } from '../../core/message.ts';
import type { Archive, ArchiveEntry } from '../archive/archive.ts';
import { baseName, dirName } from '../archive/archive.ts';
import { openInput, readHead, withInput } from '../archive/open-input.ts';
import { MediaLoader } from '../media.ts';
import { DerivedIds } from '../native-id.ts';
import { entryLabel } from '../read-json.ts';
import type { ImportInput, RawMessage, Source, SourceItem, SourceOptions } from '../source.ts';
import { stripBom } from '../text/bom.ts';
import { readLines } from '../text/line-reader.ts';
import { isValidWallTime, parseTimeZone, type TimeZoneSpec, UTC, wallTimeToIso } from '../time.ts';
import { type Calendar, calendarOfYears, toGregorian } from './calendar.ts';
import { type DateOrder, type DateTriple, decideDateOrder, toYmd } from './date-order.ts';
import { geoOf } from './geo.ts';
import { type Era, type Header, parseHeader, to24h } from './header.ts';
import { stripMarks } from './normalize.ts';
import { noticeKind, placeholderKind } from './phrases.ts';

const MAX_MESSAGE_CHARS = 1024 * 1024;
const SIGNAL_LINE = /^\[\d{4}-\d{2}-\d{2}, \d{2}:\d{2}\] /;

const ATTACHED_IOS = /^<[^<>:]{1,40}:\s*([^<>/\\]+\.\w{1,5})>$/;
const ATTACHED_ANDROID = /^([^<>/\\()]+\.\w{1,5}) \([^()]{1,40}\)$/;

export function looksLikeWhatsApp(head: string): boolean {
  const lines = stripBom(head)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 12);
  const hits = lines.filter((l) => parseHeader(l) !== undefined && !SIGNAL_LINE.test(l)).length;
  return hits > 0 && hits >= Math.min(2, lines.length) / 2;
}

/**
 * A chat export in a header shape Vigil does not read yet ("[<digits>… ] Name: text" or
 * "<digits>… - Name: text"): taken, so that the import names the line and the shapes expected
 * instead of ending as "format not recognized".
 */
const ROUGH_HEADER = /^[\u200e\u200f\ufeff]?\[?[\p{Nd}\p{L}][^\n]{4,45}?(?:\] | [-–] )[^\n]{1,80}?: /u;

export function looksLikeChatExport(head: string): boolean {
  const lines = head
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 12);
  const hits = lines.filter((l) => ROUGH_HEADER.test(l) && /^\D{0,3}\p{Nd}/u.test(l)).length;
  return hits > 0 && hits >= lines.length / 2;
}

function chatEntries(archive: Archive): ArchiveEntry[] {
  return archive.entries.filter((e) => /\.txt$/i.test(e.name));
}

async function headOf(archive: Archive, entry: ArchiveEntry): Promise<string> {
  const s = await archive.open(entry);
  let buf = Buffer.alloc(0);
  for await (const c of s) {
    buf = Buffer.concat([buf, c as Buffer]);
    if (buf.length >= 8192) break;
  }
  s.destroy();
  return buf.toString('utf8');
}

function boolOption(v: string | boolean | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  if (/^(true|yes|1|day|days)$/i.test(v)) return true;
  if (/^(false|no|0|month|months)$/i.test(v)) return false;
  return undefined;
}

/**
 * The chat's name scopes derived message ids. Android names the text file after the chat; iOS
 * always writes `_chat.txt` inside "WhatsApp Chat - <name>.zip", so the zip (or the folder it was
 * unpacked to, which keeps that name) gives it: the zip and the unpacked folder then agree.
 */
function chatName(archive: Archive, entry: ArchiveEntry): string {
  const fromFile = /^WhatsApp Chat (?:with |- )?(.+)\.txt$/i.exec(entry.name)?.[1];
  if (fromFile) return fromFile;
  const container =
    archive.kind === 'file' ? '' : baseName(archive.displayPath.replace(/\\/g, '/').replace(/\/+$/, ''));
  const fromContainer = /^(?:WhatsApp Chat (?:with |- )?)?(.+?)(?:\.zip)?$/i.exec(container)?.[1];
  if (entry.name === '_chat.txt' && fromContainer) return fromContainer;
  return entry.name.replace(/\.txt$/i, '');
}

function authorOf(name: string): Author {
  const clean = stripMarks(name);
  const digits = clean.replace(/[\s\-().]/g, '');
  if (/^\+?\d{6,16}$/.test(digits))
    return { id: `tel:${digits.startsWith('+') ? digits : `+${digits}`}`, handle: clean };
  return { id: `name:${clean}`, displayName: clean };
}

/** WhatsApp "Export chat" text, alone or in the zip WhatsApp builds with the attachments. */
export const whatsappSource: Source = {
  name: 'whatsapp',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    try {
      if (!input.isDirectory && !/\.zip$/i.test(input.path)) {
        if (!/\.txt$/i.test(input.path)) return false;
        const head = (await readHead(input.path, 8192)).toString('utf8');
        return looksLikeWhatsApp(head) || looksLikeChatExport(head);
      }
      return await withInput(input, async (a) => {
        for (const e of chatEntries(a).slice(0, 20)) if (looksLikeWhatsApp(await headOf(a, e))) return true;
        return false;
      });
    } catch {
      return false;
    }
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readWhatsApp(input, options);
  },
};

async function* readWhatsApp(input: ImportInput, options: SourceOptions): AsyncGenerator<SourceItem> {
  const archive = await openInput(input);
  const tzOption = typeof options.tz === 'string' ? options.tz : undefined;
  const tz: TimeZoneSpec = tzOption ? parseTimeZone(tzOption) : UTC;
  const daysFirst = boolOption(options.daysFirst ?? options['days-first']);
  try {
    for (const r of archive.refused) yield { kind: 'rejected', origin: r.path, place: 'entry', reason: r.reason };
    const chats: ArchiveEntry[] = [];
    for (const e of archive.kind === 'file' ? archive.entries : chatEntries(archive))
      if (archive.kind === 'file' || looksLikeWhatsApp(await headOf(archive, e))) chats.push(e);
    if (chats.length === 0)
      throw new ImportError(
        'no WhatsApp chat text found (no line starts with a WhatsApp date header)',
        input.displayPath,
      );
    const byName = new Map<string, ArchiveEntry>();
    for (const e of archive.entries) if (!byName.has(e.name)) byName.set(e.name, e);
    const loader = new MediaLoader(archive);
    let total = 0;
    let firstRefusal: string | undefined;
    let firstPlace: string | undefined;
    for (const entry of chats) {
      const chat = readChat(archive, entry, tz, daysFirst, byName, loader);
      let step = await chat.next();
      while (!step.done) {
        const item = step.value;
        if (
          item.kind === 'rejected' &&
          firstRefusal === undefined &&
          /no WhatsApp message header found/.test(item.reason)
        ) {
          firstRefusal = item.reason;
          firstPlace = `${archive.kind === 'file' ? '' : `${entry.path}:`}${item.place}`;
        }
        yield item;
        step = await chat.next();
      }
      const n = step.value;
      total += n;
      if (!tzOption && n > 0)
        yield {
          kind: 'warning',
          origin: entry.path,
          message:
            'WhatsApp exports carry no time zone: times were read as UTC. Pass --opt tz=<zone> (e.g. Asia/Damascus or +03:00) for the offset of the phone that exported it',
        };
    }
    if (total === 0) {
      const why = firstRefusal ? firstRefusal.replace(/^[^:]*: /, '') : 'no WhatsApp message could be read';
      throw new ImportError(why, input.displayPath, firstRefusal ? firstPlace : undefined);
    }
  } finally {
    await archive.close();
  }
}

interface Pending {
  header: Header;
  line: number;
  body: string;
  /** the line opened with a bidi mark before the header (iOS writes some attachment lines so) */
  lineMarked: boolean;
  tooLong: boolean;
}

const AUTHOR = /^(.+?): ([\s\S]*)$/;
const MARK = /^[\u200e\u200f]/;
/** A name with nothing to strip: printable ASCII, no space at either end. */
const ASCII_NAME = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

interface AuthorStats {
  plain: number;
  marked: number;
  notices: number;
}

/** What the first pass learns about a chat: its dates, its calendar and who writes only WhatsApp's own lines. */
interface ChatShape {
  dates: DateTriple[];
  years: number[];
  eras: Set<Era>;
  authors: Map<string, AuthorStats>;
  firstAuthor?: string;
  firstLine?: { line: number; text: string };
}

async function shapeOf(archive: Archive, entry: ArchiveEntry): Promise<ChatShape> {
  const seen = new Set<string>();
  const shape: ChatShape = { dates: [], years: [], eras: new Set(), authors: new Map() };
  for await (const it of readLines(await archive.open(entry))) {
    if (it.kind !== 'line') continue;
    if (!shape.firstLine && it.text.trim() !== '') shape.firstLine = { line: it.line, text: it.text };
    const h = parseHeader(it.text);
    if (!h) continue;
    const k = `${h.a}/${h.b}/${h.c}/${h.era ?? ''}`;
    if (!seen.has(k) && seen.size < 100_000) {
      seen.add(k);
      shape.dates.push({ a: h.a, b: h.b, c: h.c, aLen: h.aLen, yearFirst: h.yearFirst });
      if (h.era) shape.eras.add(h.era);
    }
    const colon = h.rest.indexOf(': ');
    if (colon <= 0) continue;
    const raw = h.rest.slice(0, colon);
    const name = ASCII_NAME.test(raw) ? raw : stripMarks(raw);
    if (shape.firstAuthor === undefined) shape.firstAuthor = name;
    let st = shape.authors.get(name);
    if (!st) {
      if (shape.authors.size >= 10_000) continue;
      st = { plain: 0, marked: 0, notices: 0 };
      shape.authors.set(name, st);
    }
    const text = h.rest.slice(colon + 2);
    if (MARK.test(text) || MARK.test(it.text)) {
      st.marked++;
      if (noticeKind(text)) st.notices++;
    } else st.plain++;
  }
  return shape;
}

/**
 * Names that stand for the group itself: iOS writes a group's events as "<group name>: \u200e<event>".
 * Only in a chat where at least two people post, for an author who never wrote a plain line and who is
 * the chat's name, opened the chat, or wrote a line the notice table knows. In a 1:1 chat the other
 * person's "\u200eimage omitted" lines come under their own name, and they stay posts.
 */
function groupNames(shape: ChatShape, chat: string): Set<string> {
  const posters = [...shape.authors.values()].filter((s) => s.plain > 0).length;
  const out = new Set<string>();
  if (posters < 2) return out;
  for (const [name, s] of shape.authors)
    if (s.plain === 0 && s.marked > 0 && (name === chat || name === shape.firstAuthor || s.notices > 0)) out.add(name);
  return out;
}

const ORDER_WORDS: Record<DateOrder, string> = {
  DMY: 'day-first',
  MDY: 'month-first',
  YMD: 'year-first',
  YDM: 'year-first, day before month',
};

const CALENDAR_NOTES: Partial<Record<Calendar, string>> = {
  buddhist: 'years are in the Thai Buddhist era (2565 BE = 2022) and were read as such',
  japanese: 'years are counted in Japanese eras (令和/Reiwa 4 = 2022) and were read as such',
  persian: 'years are in the Solar Hijri calendar (1401 = 2022/23) and were converted to Gregorian dates',
  islamic: 'years are in the Hijri calendar (Umm al-Qura, 1443 = 2021/22) and were converted to Gregorian dates',
};

function eventItem(
  p: Pending,
  origin: string,
  nativeId: string,
  postedAt: string,
  kind: string,
  actor: string | undefined,
  lang: string | undefined,
): SourceItem {
  return {
    kind: 'event',
    event: {
      platform: 'whatsapp',
      nativeId,
      kind,
      postedAt,
      ...(actor ? { actor } : {}),
      text: p.body,
      ...(lang ? { lang } : {}),
    },
    origin,
    place: `line=${p.line}`,
  };
}

async function* readChat(
  archive: Archive,
  entry: ArchiveEntry,
  tz: TimeZoneSpec,
  daysFirst: boolean | undefined,
  byName: Map<string, ArchiveEntry>,
  loader: MediaLoader,
): AsyncGenerator<SourceItem, number> {
  // Pass 1: every distinct date, so day/month order and the calendar are decided for the whole file.
  const shape = await shapeOf(archive, entry);
  if (shape.dates.length === 0) {
    const first = shape.firstLine;
    const shown = first
      ? JSON.stringify(first.text.length > 60 ? `${first.text.slice(0, 60)}…` : first.text)
      : 'nothing';
    yield {
      kind: 'rejected',
      origin: entry.path,
      place: `line=${first?.line ?? 1}`,
      reason: `${entryLabel(archive, entry)}: no WhatsApp message header found: line ${first?.line ?? 1} reads ${shown}; expected a date and time such as "12/31/19, 11:25 PM - Name: text" (Android) or "[31.12.19, 23:25:10] Name: text" (iOS)`,
    };
    return 0;
  }
  const decision = decideDateOrder(shape.dates, daysFirst);
  if (decision.note) yield { kind: 'warning', origin: entry.path, message: `date order: ${decision.note}` };
  const calendar = calendarOfYears(
    shape.dates.map((d) => toYmd(d, decision.order).year),
    shape.eras,
  );
  const calendarNote = CALENDAR_NOTES[calendar];
  if (calendarNote) yield { kind: 'warning', origin: entry.path, message: `calendar: ${calendarNote}` };

  const chat = chatName(archive, entry);
  const groupAuthors = groupNames(shape, stripMarks(chat));
  const ids = new DerivedIds();
  const dir = dirName(entry.path);
  let records = 0;
  let pending: Pending | undefined;

  const flush = async function* (p: Pending): AsyncGenerator<SourceItem> {
    const place = `line=${p.line}`;
    const isFirst = records === 0;
    records++;
    if (p.tooLong) {
      yield {
        kind: 'rejected',
        origin: entry.path,
        place,
        reason: `message longer than ${MAX_MESSAGE_CHARS} characters; skipped`,
      };
      return;
    }
    const h = p.header;
    const written = toYmd(h, decision.order);
    const ymd = toGregorian(written, calendar, h.era);
    const wall = ymd && { ...ymd, hour: to24h(h.hour, h.half), minute: h.minute, second: h.second };
    if (!wall || !isValidWallTime(wall)) {
      yield {
        kind: 'rejected',
        origin: entry.path,
        place,
        reason: `impossible date or time ${h.a}/${h.b}/${h.c} ${h.hour}:${String(h.minute).padStart(2, '0')}${h.half ? ` ${h.half}` : ''} (read ${ORDER_WORDS[decision.order]}${calendar === 'gregory' ? '' : `, ${calendar} calendar`})`,
      };
      return;
    }
    const postedAt = wallTimeToIso(wall, tz);
    const local = `${wall.year}-${wall.month}-${wall.day}T${wall.hour}:${wall.minute}:${wall.second}`;
    const event = (kind: string, actor: string | undefined, lang: string | undefined) =>
      eventItem(p, entry.path, ids.next([chat, local, 'event', p.body], local), postedAt, kind, actor, lang);

    const am = AUTHOR.exec(p.body);
    if (!am) {
      // "Messages and calls are end-to-end encrypted…", "Abu Omar added Lina": no author, WhatsApp's own line
      const n = noticeKind(p.body);
      yield event(n?.kind ?? 'notice', undefined, n?.lang);
      return;
    }
    const name = ASCII_NAME.test(am[1] as string) ? (am[1] as string) : stripMarks(am[1] as string);
    const rawText = am[2] as string;
    // Android: 'X changed the subject from "A" to "B: C"' splits at the colon inside the subject
    if (h.style === 'android' && (shape.authors.get(name)?.plain ?? 0) <= 1) {
      const n = noticeKind(am[1] as string);
      if (n && (n.kind === 'subject' || n.kind === 'encryption' || /["“”„«»]/.test(am[1] as string))) {
        yield event(n.kind, undefined, n.lang);
        return;
      }
    }
    const marked = MARK.test(rawText) || p.lineMarked;
    const firstLine = stripMarks(rawText.split('\n', 1)[0] as string);
    const file = ATTACHED_IOS.exec(firstLine)?.[1] ?? ATTACHED_ANDROID.exec(firstLine)?.[1];
    const kind = file ? 'media' : placeholderKind(firstLine, marked);
    // Older Android exports head the chat with "<chat name>: Messages and calls are end-to-end encrypted…"
    if (!kind && !marked && (isFirst || (shape.authors.get(name)?.plain ?? 0) <= 1)) {
      const n = noticeKind(rawText);
      if (n && (n.kind === 'encryption' || n.kind === 'security-code')) {
        yield event(n.kind, name, n.lang);
        return;
      }
    }
    if (!kind && marked) {
      const n = noticeKind(rawText);
      if (n) {
        yield event(n.kind, name, n.lang);
        return;
      }
      if (groupAuthors.has(name) || (isFirst && h.style === 'ios' && shape.authors.size > 1)) {
        yield event('notice', name, undefined);
        return;
      }
    }
    const author = authorOf(am[1] as string);
    const media: Media[] = [];
    if (file) {
      const member = archive.get(dir ? `${dir}/${file.trim()}` : file.trim()) ?? byName.get(file.trim());
      if (member && member !== entry) {
        const got = await loader.load(member);
        yield* got.items;
        media.push(got.media);
      } else media.push({ originalName: file.trim() });
    }
    const geo = kind === 'location' ? geoOf(rawText) : undefined;
    const message: RawMessage = {
      platform: 'whatsapp',
      // ids hash the text without its edge marks, as before the text was kept as written
      nativeId: ids.next([chat, local, author.id, stripMarks(rawText)], local),
      author,
      postedAt,
      text: rawText,
      media,
      ...(kind ? { kind } : {}),
      ...(geo ? { geo } : {}),
    };
    yield { kind: 'message', message, origin: entry.path, place };
  };

  for await (const it of readLines(await archive.open(entry))) {
    if (it.kind === 'bad') {
      yield { kind: 'rejected', origin: entry.path, place: `line=${it.line}`, reason: it.reason };
      continue;
    }
    const h = parseHeader(it.text);
    if (h) {
      if (pending) yield* flush(pending);
      pending = { header: h, line: it.line, body: h.rest, lineMarked: MARK.test(it.text), tooLong: false };
    } else if (pending) {
      if (pending.body.length + it.text.length > MAX_MESSAGE_CHARS) {
        pending.tooLong = true;
        pending.body = '';
      } else if (!pending.tooLong) pending.body += `\n${it.text}`;
    } else if (it.text.trim() !== '') {
      yield {
        kind: 'rejected',
        origin: entry.path,
        place: `line=${it.line}`,
        reason: 'text before the first WhatsApp message header',
      };
    }
  }
  if (pending) yield* flush(pending);
  return records;
}
