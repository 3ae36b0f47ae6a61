import { ImportError } from '../core/errors.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { stripBom } from './text/bom.ts';
import { JsonStreamError, type JsonStreamItem, type JsonStreamOptions, streamJson } from './text/json-stream.ts';
import { decodeUtf8, InvalidUtf8Error } from './text/utf8.ts';

export function entryLabel(archive: Archive, entry: ArchiveEntry): string {
  if (archive.kind === 'file') return archive.displayPath;
  return `${archive.displayPath}${archive.kind === 'zip' ? '!' : '/'}${entry.path}`;
}

/** A small JSON (or `window.YTD.x = [...]` JS) member parsed whole; errors are ImportErrors naming it. */
export async function readSmallJson(
  archive: Archive,
  entry: ArchiveEntry,
  maxBytes = 64 * 1024 * 1024,
): Promise<unknown> {
  const label = entryLabel(archive, entry);
  const bytes = await archive.readBytes(entry, maxBytes);
  let text: string;
  try {
    text = stripBom(decodeUtf8(bytes));
  } catch (err) {
    if (err instanceof InvalidUtf8Error) throw new ImportError('invalid UTF-8', label, `offset=${err.offset}`);
    throw err;
  }
  const start = text.search(/[[{]/);
  if (start < 0) throw new ImportError('not JSON: no `{` or `[` found', label, 'offset=0');
  try {
    return JSON.parse(text.slice(start).replace(/;\s*$/, ''));
  } catch (err) {
    throw new ImportError(`malformed JSON: ${(err as Error).message}`, label);
  }
}

/** Streams captured array elements of a member; a structural break becomes a final `fatal` item. */
export async function* streamJsonEntry(
  archive: Archive,
  entry: ArchiveEntry,
  opts: JsonStreamOptions,
): AsyncGenerator<JsonStreamItem | { kind: 'fatal'; offset: number; reason: string }> {
  const stream = await archive.open(entry);
  try {
    yield* streamJson(stream, opts);
  } catch (err) {
    if (err instanceof JsonStreamError) yield { kind: 'fatal', offset: err.offset, reason: err.message };
    else if (err instanceof ImportError) yield { kind: 'fatal', offset: -1, reason: err.message };
    else throw err;
  } finally {
    stream.destroy();
  }
}
