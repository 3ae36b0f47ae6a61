import { createReadStream } from 'node:fs';
import { bomLength } from './text/bom.ts';

/**
 * `offset` is where the line starts; `end` is the byte just after it and its line ending. `raw`, when
 * asked for, is the line's bytes exactly as read: BOM, CR and LF included.
 */
export type LineItem =
  | { ok: true; text: string; line: number; offset: number; end: number; raw?: Buffer }
  | { ok: false; reason: string; line: number; offset: number; end: number };

const NL = 0x0a;
const LF = Buffer.from([NL]);

/**
 * Lines of a byte stream with their number and byte offset. Streams, so memory stays flat;
 * a line longer than `maxLineBytes` is skipped (reported, never buffered whole) and invalid UTF-8
 * is reported with its line instead of being replaced silently.
 */
export async function* readLines(
  source: AsyncIterable<Uint8Array>,
  maxLineBytes = 8 * 1024 * 1024,
  keepRaw = false,
): AsyncGenerator<LineItem> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let line = 1;
  let lineStart = 0;
  let pos = 0;

  const finish = (bytes: Buffer, end: number, newline: boolean): LineItem => {
    if (tooLong || bytes.length > maxLineBytes)
      return { ok: false, reason: `line longer than ${maxLineBytes} bytes`, line, offset: lineStart, end };
    let stop = bytes.length;
    if (stop > 0 && bytes[stop - 1] === 0x0d) stop--;
    const start = line === 1 ? bomLength(bytes) : 0;
    try {
      const text = decoder.decode(bytes.subarray(start, stop));
      if (!keepRaw) return { ok: true, text, line, offset: lineStart, end };
      const raw = newline ? Buffer.concat([bytes, LF]) : Buffer.from(bytes);
      return { ok: true, text, line, offset: lineStart, end, raw };
    } catch {
      return { ok: false, reason: 'invalid UTF-8', line, offset: lineStart, end };
    }
  };

  for await (const chunk of source) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(NL, from);
      if (nl === -1) break;
      const piece = buf.subarray(from, nl);
      let bytes: Buffer;
      if (parts.length === 0) bytes = piece;
      else {
        if (!tooLong && partBytes + piece.length > maxLineBytes) tooLong = true;
        if (!tooLong) parts.push(piece);
        bytes = tooLong ? Buffer.alloc(0) : Buffer.concat(parts);
      }
      pos += nl - from + 1;
      yield finish(bytes, pos, true);
      from = nl + 1;
      parts = [];
      partBytes = 0;
      tooLong = false;
      line++;
      lineStart = pos;
    }
    const rest = buf.subarray(from);
    pos += rest.length;
    if (rest.length > 0 && !tooLong) {
      partBytes += rest.length;
      if (partBytes > maxLineBytes) {
        tooLong = true;
        parts = [];
      } else parts.push(Buffer.from(rest));
    }
  }
  if (parts.length > 0 || tooLong) yield finish(tooLong ? Buffer.alloc(0) : Buffer.concat(parts), pos, false);
}

export function readFileLines(path: string, maxLineBytes?: number): AsyncGenerator<LineItem> {
  return readLines(createReadStream(path, { highWaterMark: 1 << 20 }), maxLineBytes);
}
