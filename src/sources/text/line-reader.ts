import { bomLength } from './bom.ts';
import { decodeUtf8, InvalidUtf8Error } from './utf8.ts';

export type LineItem =
  | { kind: 'line'; text: string; line: number; offset: number }
  | { kind: 'bad'; line: number; offset: number; reason: string };

export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * Splits a byte stream into UTF-8 lines with 1-based numbers and byte offsets. A line longer than
 * maxLineBytes is skipped without being held in memory; a line with invalid UTF-8 is reported with
 * the offset of the bad byte. Neither stops the stream.
 */
export async function* readLines(
  chunks: AsyncIterable<Buffer | Uint8Array>,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<LineItem> {
  let parts: Buffer[] = [];
  let partLen = 0;
  let lineStart = 0;
  let pos = 0;
  let lineNo = 1;
  let skipping = false;
  let skippedLen = 0;

  function finish(buf: Buffer): LineItem {
    const no = lineNo;
    const off = lineStart;
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 0x0d) end--;
    const start = no === 1 ? bomLength(buf) : 0;
    try {
      return { kind: 'line', text: decodeUtf8(buf.subarray(start, end), off + start), line: no, offset: off };
    } catch (err) {
      if (err instanceof InvalidUtf8Error)
        return { kind: 'bad', line: no, offset: err.offset, reason: `invalid UTF-8 at byte offset ${err.offset}` };
      throw err;
    }
  }

  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl < 0 ? chunk.length : nl;
      const piece = chunk.subarray(from, end);
      if (skipping) skippedLen += piece.length;
      else if (partLen + piece.length > maxLineBytes) {
        skipping = true;
        skippedLen = partLen + piece.length;
        parts = [];
        partLen = 0;
      } else {
        parts.push(piece);
        partLen += piece.length;
      }
      pos += end - from;
      if (nl < 0) break;
      if (skipping) {
        yield {
          kind: 'bad',
          line: lineNo,
          offset: lineStart,
          reason: `line is ${skippedLen} bytes long, above the ${maxLineBytes}-byte limit; skipped`,
        };
        skipping = false;
        skippedLen = 0;
      } else {
        yield finish(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, partLen));
      }
      parts = [];
      partLen = 0;
      pos += 1;
      lineStart = pos;
      lineNo++;
      from = nl + 1;
    }
  }
  if (skipping)
    yield {
      kind: 'bad',
      line: lineNo,
      offset: lineStart,
      reason: `line is ${skippedLen} bytes long, above the ${maxLineBytes}-byte limit; skipped`,
    };
  else if (partLen > 0) yield finish(Buffer.concat(parts, partLen));
}
