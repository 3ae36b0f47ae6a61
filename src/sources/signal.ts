import { ImportError } from '../core/errors.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { openInput, readHead, withInput } from './archive/open-input.ts';
import { DerivedIds } from './native-id.ts';
import type { ImportInput, RawMessage, Source, SourceItem, SourceOptions } from './source.ts';
import { stripBom } from './text/bom.ts';
import { readLines } from './text/line-reader.ts';
import { isValidWallTime, parseTimeZone, type TimeZoneSpec, UTC, wallTimeToIso } from './time.ts';

/** `[2019-12-24, 12:23] Jane Doe: Hello John!` (signal-export's text style; comma and seconds optional). */
const LINE = /^\[(\d{4})-(\d{2})-(\d{2}),? (\d{2}):(\d{2})(?::(\d{2}))?\] ([^:\n]+?): ?(.*)$/;
const MAX_MESSAGE_CHARS = 1024 * 1024;

function looksLikeSignal(head: string): boolean {
  const lines = stripBom(head)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5);
  return lines.length > 0 && LINE.test(lines[0] as string);
}

function textEntries(archive: Archive): ArchiveEntry[] {
  return archive.kind === 'file' ? [...archive.entries] : archive.entries.filter((e) => /\.(txt|md)$/i.test(e.name));
}

/** Signal chat exported as text (signal-export / chat-miner style). Times carry no zone: pass tz. */
export const signalSource: Source = {
  name: 'signal',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    try {
      if (!input.isDirectory && !/\.zip$/i.test(input.path)) {
        if (!/\.(txt|md)$/i.test(input.path)) return false;
        return looksLikeSignal((await readHead(input.path, 4096)).toString('utf8'));
      }
      return await withInput(input, async (a) => {
        for (const e of textEntries(a).slice(0, 20))
          if (looksLikeSignal((await a.readBytes(e, 64 * 1024 ** 2)).subarray(0, 4096).toString('utf8'))) return true;
        return false;
      });
    } catch {
      return false;
    }
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readSignal(input, options);
  },
};

async function* readSignal(input: ImportInput, options: SourceOptions): AsyncGenerator<SourceItem> {
  const archive = await openInput(input);
  const tzOption = typeof options.tz === 'string' ? options.tz : undefined;
  const tz: TimeZoneSpec = tzOption ? parseTimeZone(tzOption) : UTC;
  try {
    for (const r of archive.refused) yield { kind: 'rejected', origin: r.path, place: 'entry', reason: r.reason };
    let total = 0;
    for (const entry of textEntries(archive)) {
      const chat = entry.name.replace(/\.(txt|md)$/i, '');
      const ids = new DerivedIds();
      let pending: { m: RegExpExecArray; line: number; body: string; tooLong: boolean } | undefined;
      const flush = (p: NonNullable<typeof pending>): SourceItem => {
        const place = `line=${p.line}`;
        if (p.tooLong)
          return {
            kind: 'rejected',
            origin: entry.path,
            place,
            reason: `message longer than ${MAX_MESSAGE_CHARS} characters; skipped`,
          };
        const [, y, mo, d, h, mi, s, name] = p.m;
        const wall = { year: +y!, month: +mo!, day: +d!, hour: +h!, minute: +mi!, second: +(s ?? 0) };
        if (!isValidWallTime(wall))
          return { kind: 'rejected', origin: entry.path, place, reason: `impossible date ${y}-${mo}-${d} ${h}:${mi}` };
        const author = { id: `name:${(name as string).trim()}`, displayName: (name as string).trim() };
        const local = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}`;
        const message: RawMessage = {
          platform: 'signal',
          nativeId: ids.next([chat, local, author.id, p.body], local),
          author,
          postedAt: wallTimeToIso(wall, tz),
          text: p.body,
          media: [],
        };
        total++;
        return { kind: 'message', message, origin: entry.path, place };
      };
      for await (const it of readLines(await archive.open(entry))) {
        if (it.kind === 'bad') {
          yield { kind: 'rejected', origin: entry.path, place: `line=${it.line}`, reason: it.reason };
          continue;
        }
        const m = LINE.exec(it.text);
        if (m) {
          if (pending) yield flush(pending);
          pending = { m, line: it.line, body: m[8] as string, tooLong: false };
        } else if (pending) {
          if (pending.body.length + it.text.length > MAX_MESSAGE_CHARS) pending.tooLong = true;
          else if (!pending.tooLong) pending.body += `\n${it.text}`;
        } else if (it.text.trim() !== '') {
          yield {
            kind: 'rejected',
            origin: entry.path,
            place: `line=${it.line}`,
            reason: 'text before the first Signal message line',
          };
        }
      }
      if (pending) yield flush(pending);
    }
    if (total === 0)
      throw new ImportError('no Signal message line found ("[YYYY-MM-DD, HH:MM] Name: text")', input.displayPath);
    if (!tzOption)
      yield {
        kind: 'warning',
        origin: '',
        message: 'Signal text exports carry no time zone: times were read as UTC; pass --opt tz=<zone>',
      };
  } finally {
    await archive.close();
  }
}
