import { Transform, type TransformCallback } from 'node:stream';
import { findInvalidUtf8 } from './utf8.ts';

export interface BadUtf8 {
  offset: number;
  line: number;
}

/** Length of an incomplete UTF-8 sequence at the end of b (0 if it ends cleanly). */
function incompleteTail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/**
 * Passes bytes through unchanged and records where they are not valid UTF-8 (byte offset and
 * 1-based line), for parsers that would otherwise turn bad bytes silently into U+FFFD.
 */
export class Utf8Guard extends Transform {
  readonly bad: BadUtf8[] = [];
  private carry = Buffer.alloc(0);
  private offset = 0;
  private line = 1;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = incompleteTail(buf);
    this.scan(buf.subarray(0, buf.length - tail));
    this.carry = Buffer.from(buf.subarray(buf.length - tail));
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.carry.length) this.scan(this.carry, true);
    cb();
  }

  private scan(b: Buffer, final = false): void {
    let from = 0;
    while (from < b.length) {
      const rel = findInvalidUtf8(b.subarray(from));
      const end = rel < 0 ? b.length : from + rel;
      this.line += countNewlines(b, from, end);
      if (rel < 0) break;
      if (this.bad.length < 10_000) this.bad.push({ offset: this.offset + end, line: this.line });
      from = end + 1;
      if (final && from >= b.length) break;
    }
    this.offset += b.length;
  }
}

function countNewlines(b: Buffer, from: number, to: number): number {
  let n = 0;
  let i = b.indexOf(0x0a, from);
  while (i >= 0 && i < to) {
    n++;
    i = b.indexOf(0x0a, i + 1);
  }
  return n;
}
