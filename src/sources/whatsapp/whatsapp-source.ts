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
import { type DateTriple, decideDateOrder, toYmd } from './date-order.ts';
import { type Header, parseHeader, to24h } from './header.ts';
import { stripMarks } from './normalize.ts';

const MAX_MESSAGE_CHARS = 1024 * 1024;
const SIGNAL_LINE = /^\[\d{4}-\d{2}-\d{2}, \d{2}:\d{2}\] /;

const E2E_NOTICES = [
  /^messages and calls are end-to-end encrypted/i,
  /^messages to this (group|chat) are now secured/i,
  /^messages you send to this (group|chat) are now secured/i,
  /^nachrichten und anrufe sind ende-zu-ende-verschlüsselt/i,
  /^les messages et les appels sont chiffrés de bout en bout/i,
  /^los mensajes y las llamadas están cifrados de extremo a extremo/i,
  /^mesajlar ve aramalar uçtan uca şifrelidir/i,
  /^الرسائل والمكالمات مشفرة تمامًا بين الطرفين/,
];

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
        return looksLikeWhatsApp((await readHead(input.path, 8192)).toString('utf8'));
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
    for (const entry of chats) {
      const n = yield* readChat(archive, entry, tz, daysFirst, byName, loader);
      total += n;
      if (!tzOption && n > 0)
        yield {
          kind: 'warning',
          origin: entry.path,
          message:
            'WhatsApp exports carry no time zone: times were read as UTC. Pass --opt tz=<zone> (e.g. Asia/Damascus or +03:00) for the offset of the phone that exported it',
        };
    }
    if (total === 0) throw new ImportError('no WhatsApp message could be read', input.displayPath);
  } finally {
    await archive.close();
  }
}

interface Pending {
  header: Header;
  line: number;
  body: string;
  tooLong: boolean;
}

async function* readChat(
  archive: Archive,
  entry: ArchiveEntry,
  tz: TimeZoneSpec,
  daysFirst: boolean | undefined,
  byName: Map<string, ArchiveEntry>,
  loader: MediaLoader,
): AsyncGenerator<SourceItem, number> {
  // Pass 1: every distinct date, so day/month order is decided for the whole file.
  const seen = new Set<string>();
  const dates: DateTriple[] = [];
  for await (const it of readLines(await archive.open(entry))) {
    if (it.kind !== 'line') continue;
    const h = parseHeader(it.text);
    if (!h) continue;
    const k = `${h.a}/${h.b}/${h.c}`;
    if (!seen.has(k) && seen.size < 100_000) {
      seen.add(k);
      dates.push(h);
    }
  }
  const decision = decideDateOrder(dates, daysFirst);
  if (decision.note) yield { kind: 'warning', origin: entry.path, message: `date order: ${decision.note}` };

  const chat = chatName(archive, entry);
  const ids = new DerivedIds();
  const dir = dirName(entry.path);
  let count = 0;
  let system = 0;
  const systemAuthors = new Set<string>();
  let pending: Pending | undefined;

  const flush = async function* (p: Pending): AsyncGenerator<SourceItem> {
    const place = `line=${p.line}`;
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
    const ymd = toYmd(h, decision.order);
    const wall = { ...ymd, hour: to24h(h.hour, h.half), minute: h.minute, second: h.second };
    if (!isValidWallTime(wall)) {
      yield {
        kind: 'rejected',
        origin: entry.path,
        place,
        reason: `impossible date or time ${h.a}/${h.b}/${h.c} ${h.hour}:${String(h.minute).padStart(2, '0')} (read ${decision.order === 'DMY' ? 'day-first' : decision.order === 'MDY' ? 'month-first' : 'year-first'})`,
      };
      return;
    }
    const am = /^(.+?): ([\s\S]*)$/.exec(p.body);
    if (!am) {
      system++;
      return;
    }
    const rawText = am[2] as string;
    const text = stripMarks(rawText);
    const author = authorOf(am[1] as string);
    if (E2E_NOTICES.some((r) => r.test(text))) {
      // iOS writes group events as "<group name>: \u200e<event>"; the encryption notice reveals that name.
      systemAuthors.add(author.id);
      system++;
      return;
    }
    if (systemAuthors.has(author.id) && /^[\u200e\u200f]/.test(rawText) && !ATTACHED_IOS.test(text)) {
      system++;
      return;
    }
    const postedAt = wallTimeToIso(wall, tz);
    const local = `${wall.year}-${wall.month}-${wall.day}T${wall.hour}:${wall.minute}:${wall.second}`;
    const firstLine = text.split('\n', 1)[0] as string;
    const file = ATTACHED_IOS.exec(firstLine)?.[1] ?? ATTACHED_ANDROID.exec(firstLine)?.[1];
    const media: Media[] = [];
    if (file) {
      const member = archive.get(dir ? `${dir}/${file.trim()}` : file.trim()) ?? byName.get(file.trim());
      if (member && member !== entry) {
        const got = await loader.load(member);
        yield* got.items;
        media.push(got.media);
      } else media.push({ originalName: file.trim() });
    }
    const message: RawMessage = {
      platform: 'whatsapp',
      nativeId: ids.next([chat, local, author.id, text], local),
      author,
      postedAt,
      text,
      media,
    };
    count++;
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
      pending = { header: h, line: it.line, body: h.rest, tooLong: false };
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
  if (system > 0)
    yield {
      kind: 'warning',
      origin: entry.path,
      message: `skipped ${system} system line${system === 1 ? '' : 's'} (group events, encryption notices): they are not posts`,
    };
  if (count === 0 && dates.length === 0)
    yield {
      kind: 'rejected',
      origin: entry.path,
      place: 'line=1',
      reason: `${entryLabel(archive, entry)}: no WhatsApp message header found`,
    };
  return count;
}
