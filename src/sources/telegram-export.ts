import { ImportError } from '../core/errors.ts';
import type { Author, Media } from '../core/message.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { dirName, joinInside } from './archive/archive.ts';
import { openInput, readHead, withInput } from './archive/open-input.ts';
import { MediaLoader, mimeFromName } from './media.ts';
import { DerivedIds } from './native-id.ts';
import { entryLabel, streamJsonEntry } from './read-json.ts';
import type { ImportInput, RawMessage, Source, SourceItem, SourceOptions } from './source.ts';
import { stripBom } from './text/bom.ts';
import type { JsonPath } from './text/json-stream.ts';
import { isoAtOffset, normalizeIsoWithOffset, parseLocalIso, parseTimeZone, type TimeZoneSpec, UTC } from './time.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

const ACCOUNT_SIGNS = [/"chats"\s*:\s*\{/, /"about"\s*:\s*"[^"]*Telegram/, /"personal_information"\s*:/];
const MESSAGE_SIGNS = [/"date_unixtime"\s*:/, /"type"\s*:\s*"(message|service)"/, /"from_id"\s*:/];

/** Telegram's keys, not just any `messages` array (Instagram and Messenger exports have one too). */
function looksLikeTelegram(text: string): boolean {
  const head = stripBom(text);
  if (!/^\s*\{/.test(head) || /"orderedItems"/.test(head)) return false;
  if (ACCOUNT_SIGNS.some((r) => r.test(head))) return true;
  return /"messages"\s*:\s*\[/.test(head) && MESSAGE_SIGNS.some((r) => r.test(head));
}

function isMessagesPath(p: JsonPath): boolean {
  if (p.length === 1) return p[0] === 'messages';
  return (
    p.length === 4 &&
    (p[0] === 'chats' || p[0] === 'left_chats') &&
    p[1] === 'list' &&
    typeof p[2] === 'number' &&
    p[3] === 'messages'
  );
}

function findResults(archive: Archive): ArchiveEntry[] {
  if (archive.kind === 'file') return [...archive.entries];
  return archive.entries.filter((e) => e.name === 'result.json');
}

/** Text as Telegram writes it: a string, or an array of strings and entity objects. */
export function telegramText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return '';
  let out = '';
  for (const part of v) {
    if (typeof part === 'string') out += part;
    else {
      const o = obj(part);
      const t = str(o?.text) ?? '';
      out += t;
      const href = str(o?.href);
      if (o?.type === 'text_link' && href && !t.includes(href)) out += ` (${href})`;
    }
  }
  return out;
}

interface ChatInfo {
  key: string;
  name?: string;
  type?: string;
  id?: string;
}

/** Telegram Desktop export: result.json of one chat, or of the whole account (chats.list[].messages). */
export const telegramExportSource: Source = {
  name: 'telegram-export',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    try {
      if (!input.isDirectory && !/\.zip$/i.test(input.path)) {
        if (!/\.json$/i.test(input.path)) return false;
        return looksLikeTelegram((await readHead(input.path, 8192)).toString('utf8'));
      }
      return await withInput(input, async (a) => {
        for (const e of findResults(a)) {
          const s = await a.open(e);
          let head = '';
          for await (const c of s) {
            head += (c as Buffer).toString('utf8');
            if (head.length >= 8192) break;
          }
          s.destroy();
          if (looksLikeTelegram(head)) return true;
        }
        return false;
      });
    } catch {
      return false;
    }
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readTelegram(input, options);
  },
};

async function* readTelegram(input: ImportInput, options: SourceOptions): AsyncGenerator<SourceItem> {
  const archive = await openInput(input);
  const tzOption = str(options.tz);
  const tz: TimeZoneSpec = tzOption ? parseTimeZone(tzOption) : UTC;
  try {
    for (const r of archive.refused) yield { kind: 'rejected', origin: r.path, place: 'entry', reason: r.reason };
    const results = findResults(archive);
    if (results.length === 0)
      throw new ImportError('no result.json found: not a Telegram Desktop export', input.displayPath);
    const loader = new MediaLoader(archive);
    let messages = 0;
    let firstFatal: ImportError | undefined;
    for (const entry of results) {
      const base = dirName(entry.path);
      const ids = new DerivedIds();
      let chat: ChatInfo = { key: '' };
      let noOffset = 0;
      for await (const it of streamJsonEntry(archive, entry, { capture: isMessagesPath, scalarDepth: 4 })) {
        if (it.kind === 'fatal') {
          firstFatal ??= new ImportError(it.reason, entryLabel(archive, entry), `offset=${it.offset}`);
          yield {
            kind: 'rejected',
            origin: entry.path,
            place: `offset=${it.offset}`,
            reason: `${it.reason}; the rest of this file was not read`,
          };
          break;
        }
        if (it.kind === 'scalar') {
          const p = it.path;
          const chatKey = p.length === 1 ? 'root' : p.length === 4 && p[1] === 'list' ? `${p[0]}/${p[2]}` : undefined;
          if (!chatKey) continue;
          if (chat.key !== chatKey) chat = { key: chatKey };
          const field = p[p.length - 1];
          if (field === 'name') chat.name = str(it.value);
          else if (field === 'type') chat.type = str(it.value);
          else if (field === 'id') chat.id = str(it.value);
          continue;
        }
        if (it.kind === 'array-start') {
          const p = it.path;
          const chatKey = p.length === 1 ? 'root' : `${p[0]}/${p[2]}`;
          if (chat.key !== chatKey) chat = { key: chatKey };
          continue;
        }
        if (it.kind === 'bad') {
          yield { kind: 'rejected', origin: entry.path, place: `offset=${it.offset}`, reason: it.reason };
          continue;
        }
        if (it.kind !== 'element') continue;
        const place = `offset=${it.offset}`;
        const m = obj(it.value);
        if (!m) {
          yield { kind: 'rejected', origin: entry.path, place, reason: 'message is not an object' };
          continue;
        }
        if (m.type === 'service') {
          // joins, pins, calls, title changes: not posts, kept as recognized events
          const scope = chat.id ?? chat.name ?? '';
          const { iso } = postedAtOf(m, tz);
          const action = str(m.action) ?? 'service';
          const text = telegramText(m.text) || [str(m.actor), action, str(m.title)].filter(Boolean).join(' ');
          yield {
            kind: 'event',
            event: {
              platform: 'telegram',
              nativeId: `${scope}/service/${str(m.id) ?? ids.next([scope, iso ?? '', action, text], iso)}`,
              kind: action,
              ...(iso ? { postedAt: iso } : {}),
              ...(str(m.actor) ? { actor: str(m.actor) } : {}),
              text,
            },
            origin: entry.path,
            place,
          };
          continue;
        }
        const conv = toMessage(m, chat, tz, ids);
        if (typeof conv === 'string') {
          yield { kind: 'rejected', origin: entry.path, place, reason: conv };
          continue;
        }
        if (conv.usedTz) noOffset++;
        const media: Media[] = [];
        for (const ref of conv.mediaRefs) {
          const path = ref.path ? joinInside(base, ref.path) : undefined;
          const member = path !== undefined ? archive.get(path) : undefined;
          if (member) {
            const got = await loader.load(member, ref.mime);
            yield* got.items;
            media.push(got.media);
          } else
            media.push({
              ...(ref.mime ? { mime: ref.mime } : {}),
              ...(ref.path && !ref.path.startsWith('(') ? { originalName: ref.path } : {}),
            });
        }
        messages++;
        yield { kind: 'message', message: { ...conv.message, media }, origin: entry.path, place };
      }
      if (noOffset > 0 && !tzOption)
        yield {
          kind: 'warning',
          origin: entry.path,
          message: `${noOffset} message(s) had a local date without date_unixtime; read as UTC (pass --opt tz=<zone> of the exporting computer)`,
        };
    }
    if (messages === 0 && firstFatal) throw firstFatal;
  } finally {
    await archive.close();
  }
}

interface MediaRef {
  path?: string;
  mime?: string;
}

function postedAtOf(m: Obj, tz: TimeZoneSpec): { iso?: string; usedTz: boolean } {
  const unix = str(m.date_unixtime);
  const local = str(m.date);
  if (unix && /^\d+$/.test(unix)) {
    const ms = Number(unix) * 1000;
    let offset = 0;
    if (local) {
      const asUtc = Date.parse(`${local}Z`);
      // `date` is the exporting machine's wall clock: its difference to the instant is the original offset.
      if (!Number.isNaN(asUtc)) offset = Math.round((asUtc - ms) / 60_000 / 15) * 15;
      if (Math.abs(offset) > 14 * 60) offset = 0;
    }
    return { iso: isoAtOffset(ms, offset), usedTz: false };
  }
  if (local) {
    // "2021-01-01T10:00:00.000Z": some exporters write the instant itself, with its offset
    const withOffset = normalizeIsoWithOffset(local);
    if (withOffset) return { iso: withOffset, usedTz: false };
    return { iso: parseLocalIso(local, tz), usedTz: true };
  }
  return { usedTz: false };
}

function toMessage(
  m: Obj,
  chat: ChatInfo,
  tz: TimeZoneSpec,
  ids: DerivedIds,
): { message: RawMessage; mediaRefs: MediaRef[]; usedTz: boolean } | string {
  const { iso, usedTz } = postedAtOf(m, tz);
  if (!iso) return `message ${str(m.id) ?? '?'}: no readable date`;
  let text = telegramText(m.text);
  const poll = obj(m.poll);
  if (!text && poll) text = str(poll.question) ?? '';
  const fromId = str(m.from_id);
  const from = str(m.from);
  const author: Author = fromId
    ? { id: fromId, ...(from ? { displayName: from } : {}) }
    : from
      ? { id: `name:${from}`, displayName: from }
      : {
          id: chat.id ? `chat${chat.id}` : `chat:${chat.name ?? 'unknown'}`,
          ...(chat.name ? { displayName: chat.name } : {}),
        };
  const scope = chat.id ?? chat.name ?? '';
  const msgId = str(m.id);
  const nativeId = msgId ? (scope ? `${scope}/${msgId}` : msgId) : ids.next([scope, iso, author.id, text], iso);
  const message: RawMessage = { platform: 'telegram', nativeId, author, postedAt: iso, text, media: [] };
  const reply = str(m.reply_to_message_id);
  if (reply) message.replyTo = { nativeId: scope ? `${scope}/${reply}` : reply };
  const fwd = str(m.forwarded_from);
  const fwdId = str(m.forwarded_from_id);
  if (fwd || fwdId) message.repostOf = { nativeId: '', authorId: fwdId ?? `name:${fwd}` };
  const mediaRefs: MediaRef[] = [];
  const photo = str(m.photo);
  if (photo) mediaRefs.push({ path: photo, mime: mimeFromName(photo) ?? 'image/jpeg' });
  const file = str(m.file);
  if (file) mediaRefs.push({ path: file, mime: str(m.mime_type) ?? mimeFromName(file) });
  return { message, mediaRefs, usedTz };
}
