import { parse } from 'csv-parse';
import { ImportError, UsageError } from '../core/errors.ts';
import { openInput, readHead } from './archive/open-input.ts';
import { autoMap, type CsvField, type CsvMapping, type FieldSource, loadMapping, parseMapFlag } from './csv-mapping.ts';
import { parseMinimal } from './minimal-message.ts';
import type { ImportInput, Source, SourceItem, SourceOptions } from './source.ts';
import { stripBom } from './text/bom.ts';
import { Utf8Guard } from './text/utf8-guard.ts';
import { parseAnyDate, parseTimeZone, type TimeZoneSpec, UTC } from './time.ts';

const MAX_RECORD_CHARS = 4 * 1024 * 1024;
const REQUIRED: CsvField[] = ['platform', 'id', 'author', 'postedAt', 'text'];

function sniffDelimiter(headerLine: string, path: string): string {
  if (/\.tsv$/i.test(path)) return '\t';
  const counts = [',', ';', '\t', '|'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

function mappingFrom(options: SourceOptions): CsvMapping {
  const base: CsvMapping =
    typeof options.mapping === 'string' ? loadMapping(options.mapping) : { fields: {}, header: true };
  if (typeof options.map === 'string') base.fields = { ...base.fields, ...parseMapFlag(options.map) };
  if (typeof options.platform === 'string' && !base.fields.platform)
    base.fields.platform = { constant: options.platform };
  if (typeof options.delimiter === 'string') base.delimiter = options.delimiter;
  return base;
}

/** CSV with a header row; columns mapped by --map / --mapping or recognised by name. Streams row by row. */
export const csvSource: Source = {
  name: 'csv',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    return !input.isDirectory && /\.(csv|tsv)$/i.test(input.path);
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readCsv(input, options);
  },
};

async function* readCsv(input: ImportInput, options: SourceOptions): AsyncGenerator<SourceItem> {
  if (input.isDirectory) throw new ImportError('the CSV importer reads one file, not a folder', input.displayPath);
  const mapping = mappingFrom(options);
  const tzSpec = typeof options.tz === 'string' ? options.tz : mapping.tz;
  const tz: TimeZoneSpec = tzSpec ? parseTimeZone(tzSpec) : UTC;
  const head = stripBom((await readHead(input.path, 64 * 1024)).toString('utf8'));
  const delimiter = mapping.delimiter ?? sniffDelimiter(head.split(/\r?\n/, 1)[0] ?? '', input.path);
  const archive = await openInput(input);
  const entry = archive.entries[0];
  if (archive.kind !== 'file' || !entry) {
    await archive.close();
    throw new ImportError('the CSV importer reads a plain .csv file (unzip it first)', input.displayPath);
  }
  const guard = new Utf8Guard();
  const skipped: { line: number; reason: string }[] = [];
  let lastSkipLine = -1;
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (err) => {
      const e = err as (Error & { lines?: number; code?: string }) | undefined;
      const line = e?.lines ?? 0;
      if (!skipped.some((x) => x.line === line) && line !== lastSkipLine)
        skipped.push({ line, reason: e?.message ?? 'unreadable CSV record' });
      lastSkipLine = line;
      return undefined;
    },
  });
  const stream = await archive.open(entry);
  stream.on('error', (err) => parser.destroy(err));
  stream.pipe(guard).pipe(parser);

  let fields: Partial<Record<CsvField, FieldSource>> | undefined;
  let header: string[] = [];
  let prevEnd = 0;
  let badIdx = 0;
  let messages = 0;
  let rows = 0;
  let noZone = 0;
  const cell = (src: FieldSource | undefined, row: string[]): string | undefined => {
    if (!src) return undefined;
    if ('constant' in src) return src.constant;
    const i = 'index' in src ? src.index : header.indexOf(src.column);
    const v = i >= 0 ? row[i] : undefined;
    return v === undefined || v === '' ? undefined : v;
  };
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      for (const s of skipped.splice(0))
        yield { kind: 'rejected', origin: '', place: `line=${s.line}`, reason: s.reason };
      const endLine = rec.info.lines;
      let inner = 0;
      for (const f of rec.record) for (let k = f.indexOf('\n'); k >= 0; k = f.indexOf('\n', k + 1)) inner++;
      const startLine = endLine - inner;
      prevEnd = endLine;
      const place = `line=${startLine}`;
      if (!fields) {
        if (mapping.header) {
          header = rec.record.map((h) => h.trim());
          fields = autoMap(header, mapping.fields);
        } else fields = mapping.fields;
        for (const [f, src] of Object.entries(fields)) {
          if (src && 'column' in src && !header.includes(src.column))
            throw new UsageError(
              `${input.displayPath}: CSV mapping: ${f} refers to column "${src.column}", which the header does not have (columns: ${header.join(', ')})`,
              src.column,
            );
        }
        const missing = REQUIRED.filter((f) => !fields?.[f] && !(f === 'author' && fields?.authorId));
        if (missing.length > 0)
          throw new UsageError(
            `${input.displayPath}: CSV mapping: no column for ${missing.join(', ')}; pass --map ${missing.map((m) => `${m}=<column>`).join(',')}${missing.includes('platform') ? ' (or platform==<name> for a constant)' : ''}`,
            missing,
          );
        if (mapping.header) continue;
      }
      rows++;
      while (badIdx < guard.bad.length && (guard.bad[badIdx] as { line: number }).line < startLine) badIdx++;
      const bad = guard.bad[badIdx];
      if (bad && bad.line <= endLine) {
        yield { kind: 'rejected', origin: '', place, reason: `invalid UTF-8 at byte offset ${bad.offset}` };
        continue;
      }
      const row = rec.record;
      const empty = REQUIRED.filter(
        (f) => f !== 'text' && cell(fields?.[f], row) === undefined && !(f === 'author' && cell(fields?.authorId, row)),
      );
      if (empty.length > 0) {
        yield { kind: 'rejected', origin: '', place, reason: `empty ${empty.join(', ')}` };
        continue;
      }
      const rawDate = cell(fields.postedAt, row);
      const postedAt = rawDate ? parseAnyDate(rawDate, tz) : undefined;
      if (
        postedAt &&
        !tzSpec &&
        !/(Z|[+-]\d{2}:?\d{2})$/i.test(rawDate?.trim() ?? '') &&
        !/^\d+(\.\d+)?$/.test(rawDate?.trim() ?? '')
      )
        noZone++;
      if (rawDate && !postedAt) {
        yield { kind: 'rejected', origin: '', place, reason: `postedAt: unreadable date "${rawDate.slice(0, 60)}"` };
        continue;
      }
      const authorId = cell(fields.authorId, row) ?? cell(fields.author, row);
      const handle =
        cell(fields.handle, row) ?? (fields.authorId ? cell(fields.author, row) : cell(fields.author, row));
      const displayName = cell(fields.displayName, row);
      const media = cell(fields.media, row);
      const parsed = parseMinimal({
        platform: cell(fields.platform, row),
        id: cell(fields.id, row),
        author: authorId
          ? {
              id: authorId.replace(/^@/, ''),
              ...(handle ? { handle: handle.replace(/^@/, '') } : {}),
              ...(displayName ? { displayName } : {}),
            }
          : undefined,
        postedAt,
        text: cell(fields.text, row) ?? '',
        url: cell(fields.url, row),
        lang: cell(fields.lang, row),
        media: media ? media.split(/[\s|]+/).filter(Boolean) : undefined,
        replyTo: cell(fields.replyTo, row),
        repostOf: cell(fields.repostOf, row),
      });
      if (!parsed.ok) {
        yield { kind: 'rejected', origin: '', place, reason: parsed.reason };
        continue;
      }
      messages++;
      yield { kind: 'message', message: parsed.message, origin: '', place };
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ImportError) throw err;
    const e = err as Error & { lines?: number };
    yield {
      kind: 'rejected',
      origin: '',
      place: `line=${e.lines ?? prevEnd + 1}`,
      reason: `${e.message}; the rest of the file was not read`,
    };
    if (messages === 0)
      throw new ImportError(`unreadable CSV: ${e.message}`, input.displayPath, `line=${e.lines ?? prevEnd + 1}`);
  } finally {
    stream.destroy();
    await archive.close();
  }
  for (const s of skipped.splice(0)) yield { kind: 'rejected', origin: '', place: `line=${s.line}`, reason: s.reason };
  if (!fields) throw new ImportError('empty CSV: no header row', input.displayPath, 'line=1');
  if (noZone > 0)
    yield {
      kind: 'warning',
      origin: '',
      message: `${noZone} date(s) had no offset and were read as UTC; pass --opt tz=<zone> (or "tz" in the mapping file)`,
    };
  if (rows === 0) yield { kind: 'warning', origin: '', message: 'the CSV has a header but no rows' };
}
