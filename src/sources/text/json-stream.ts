import { UTF8_BOM } from './bom.ts';
import { decodeUtf8, InvalidUtf8Error } from './utf8.ts';

export type JsonPath = readonly (string | number)[];

export type JsonStreamItem =
  | { kind: 'element'; path: JsonPath; index: number; offset: number; value: unknown }
  | { kind: 'bad'; path: JsonPath; index: number; offset: number; reason: string }
  /** A primitive value outside captured arrays, at most `scalarDepth` deep (e.g. a chat's name). */
  | { kind: 'scalar'; path: JsonPath; value: unknown }
  | { kind: 'array-start'; path: JsonPath; offset: number }
  | { kind: 'array-end'; path: JsonPath; offset: number; count: number };

export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonStreamError';
  }
}

export interface JsonStreamOptions {
  /** Arrays at these paths have their elements parsed one by one and yielded. */
  capture(path: JsonPath): boolean;
  maxElementBytes?: number;
  scalarDepth?: number;
  /** Skip a JavaScript prefix such as `window.YTD.tweets.part0 = ` before the first `[` or `{`. */
  allowPrefix?: boolean;
}

interface Frame {
  type: 'obj' | 'arr';
  seg: string | number | undefined;
  key: string | undefined;
  expectKey: boolean;
  index: number;
  captured: boolean;
  /** a value has started at the current index (arrays) */
  hasValue: boolean;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * A tolerant, byte-level streaming reader for big JSON documents. It never builds the whole
 * document: elements of the captured arrays are cut out by bracket depth and parsed one at a time,
 * so a malformed element is reported with its offset and its neighbours are still read. A key
 * repeated in one object (Mastodon's `orderedItems`) simply yields both arrays.
 */
export class JsonStreamer {
  private stack: Frame[] = [];
  private offset = 0;
  private started = false;
  private done = false;
  private prefixBytes = 0;
  private bomBytes = 0;
  // string/literal token outside capture
  private tok: number[] | null = null;
  private tokIsString = false;
  private tokEscape = false;
  private tokOverflow = false;
  // capture state
  private cap: Buffer[] | null = null;
  private capLen = 0;
  private capStart = 0;
  private capDepth = 0;
  private capInString = false;
  private capEscape = false;
  private capOversize = false;
  private readonly maxElementBytes: number;
  private readonly scalarDepth: number;

  constructor(private readonly opts: JsonStreamOptions) {
    this.maxElementBytes = opts.maxElementBytes ?? 16 * 1024 * 1024;
    this.scalarDepth = opts.scalarDepth ?? 4;
  }

  private path(): (string | number)[] {
    const p: (string | number)[] = [];
    for (let i = 1; i < this.stack.length; i++) p.push(this.stack[i]?.seg as string | number);
    return p;
  }

  private childSeg(): string | number | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!top) return undefined;
    return top.type === 'obj' ? (top.key ?? '') : top.index;
  }

  push(chunk: Buffer, out: JsonStreamItem[]): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.done) {
        for (; i < n; i++) {
          const b = chunk[i] as number;
          if (!WS.has(b) && !(this.opts.allowPrefix && b === 0x3b))
            throw new JsonStreamError('unexpected data after the end of the JSON document', this.offset + i);
        }
        break;
      }
      if (this.cap) {
        i = this.captureScan(chunk, i, out);
        continue;
      }
      const c = chunk[i] as number;
      if (this.tok) {
        if (this.tokIsString) {
          if (this.tokEscape) this.tokEscape = false;
          else if (c === 0x5c) this.tokEscape = true;
          else if (c === 0x22) {
            this.tok.push(c);
            this.endToken(out);
            i++;
            continue;
          }
          if (this.tok.length < 65536) this.tok.push(c);
          else this.tokOverflow = true;
          i++;
          continue;
        }
        if (WS.has(c) || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a) this.endToken(out);
        else {
          if (this.tok.length < 1024) this.tok.push(c);
          i++;
          continue;
        }
      }
      if (WS.has(c)) {
        i++;
        continue;
      }
      if (!this.started) {
        const at = this.offset + i;
        if (at === this.bomBytes && at < 3 && c === UTF8_BOM[at]) {
          this.bomBytes++;
          i++;
          continue;
        }
        if (this.bomBytes > 0 && this.bomBytes < 3)
          throw new JsonStreamError('not JSON: a broken byte-order mark at the start', 0);
        if (c === 0x7b || c === 0x5b) this.started = true;
        else if (this.opts.allowPrefix && this.prefixBytes < 4096) {
          this.prefixBytes++;
          i++;
          continue;
        } else throw new JsonStreamError('not JSON: expected `{` or `[` at the start', this.offset + i);
      }
      const top = this.stack[this.stack.length - 1];
      const pos = this.offset + i;
      // start of a value inside a captured array: cut it out by depth
      if (top && top.type === 'arr' && top.captured && c !== 0x5d && c !== 0x2c && c !== 0x7d) {
        this.cap = [];
        this.capLen = 0;
        this.capStart = pos;
        this.capDepth = 0;
        this.capInString = false;
        this.capEscape = false;
        this.capOversize = false;
        top.hasValue = true;
        continue;
      }
      switch (c) {
        case 0x7b: // {
        case 0x5b: {
          // [
          if (this.stack.length === 0 && this.done) throw new JsonStreamError('unexpected data after the end', pos);
          const seg = this.childSeg();
          if (top?.type === 'arr') top.hasValue = true;
          const frame: Frame = {
            type: c === 0x7b ? 'obj' : 'arr',
            seg,
            key: undefined,
            expectKey: c === 0x7b,
            index: 0,
            captured: false,
            hasValue: false,
          };
          this.stack.push(frame);
          if (frame.type === 'arr') {
            const p = this.path();
            frame.captured = this.opts.capture(p);
            if (frame.captured) out.push({ kind: 'array-start', path: p, offset: pos });
          }
          break;
        }
        case 0x7d: // }
        case 0x5d: {
          // ]
          if (!top) throw new JsonStreamError('unbalanced closing bracket', pos);
          if ((c === 0x7d) !== (top.type === 'obj'))
            throw new JsonStreamError(`mismatched \`${String.fromCharCode(c)}\``, pos);
          if (top.type === 'arr' && top.captured)
            out.push({ kind: 'array-end', path: this.path(), offset: pos, count: top.index + (top.hasValue ? 1 : 0) });
          this.stack.pop();
          if (this.stack.length === 0) this.done = true;
          break;
        }
        case 0x2c: // ,
          if (!top) throw new JsonStreamError('unexpected `,`', pos);
          if (top.type === 'obj') top.expectKey = true;
          else {
            top.index++;
            top.hasValue = false;
          }
          break;
        case 0x3a: // :
          if (top?.type !== 'obj') throw new JsonStreamError('unexpected `:`', pos);
          top.expectKey = false;
          break;
        default:
          if (!top) throw new JsonStreamError('unexpected data after the end', pos);
          if (top.type === 'arr') top.hasValue = true;
          this.tok = [c];
          this.tokIsString = c === 0x22;
          this.tokEscape = false;
          this.tokOverflow = false;
      }
      i++;
    }
    this.offset += n;
  }

  private endToken(out: JsonStreamItem[]): void {
    const top = this.stack[this.stack.length - 1];
    const bytes = this.tok as number[];
    const overflow = this.tokOverflow;
    this.tok = null;
    if (!top) return;
    if (top.type === 'obj' && top.expectKey) {
      top.key = overflow ? '' : (safeParse(bytes) as string);
      return;
    }
    if (overflow || this.stack.length > this.scalarDepth) return;
    const value = safeParse(bytes);
    if (value !== undefined)
      out.push({ kind: 'scalar', path: [...this.path(), this.childSeg() as string | number], value });
  }

  /** Scans captured bytes from chunk[i]; returns the next index to process. */
  private captureScan(chunk: Buffer, from: number, out: JsonStreamItem[]): number {
    let i = from;
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk[i] as number;
      if (this.capInString) {
        if (this.capEscape) this.capEscape = false;
        else if (c === 0x5c) this.capEscape = true;
        else if (c === 0x22) this.capInString = false;
        continue;
      }
      if (c === 0x22) this.capInString = true;
      else if (c === 0x7b || c === 0x5b) this.capDepth++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.capDepth === 0) break;
        this.capDepth--;
      } else if (c === 0x2c && this.capDepth === 0) break;
    }
    this.appendCapture(chunk.subarray(from, i));
    if (i < n) this.finishCapture(out);
    return i;
  }

  private appendCapture(piece: Buffer): void {
    if (this.capOversize) {
      this.capLen += piece.length;
      return;
    }
    this.capLen += piece.length;
    if (this.capLen > this.maxElementBytes) {
      this.capOversize = true;
      this.cap = [];
      return;
    }
    (this.cap as Buffer[]).push(piece);
  }

  private finishCapture(out: JsonStreamItem[]): void {
    const top = this.stack[this.stack.length - 1] as Frame;
    const path = this.path();
    const index = top.index;
    const offset = this.capStart;
    const parts = this.cap as Buffer[];
    this.cap = null;
    if (this.capOversize) {
      out.push({
        kind: 'bad',
        path,
        index,
        offset,
        reason: `element is ${this.capLen} bytes, above the ${this.maxElementBytes}-byte limit; skipped`,
      });
      return;
    }
    const buf = Buffer.concat(parts, this.capLen);
    let text: string;
    try {
      text = decodeUtf8(buf, offset);
    } catch (err) {
      if (err instanceof InvalidUtf8Error) {
        out.push({
          kind: 'bad',
          path,
          index,
          offset: err.offset,
          reason: `invalid UTF-8 at byte offset ${err.offset}`,
        });
        return;
      }
      throw err;
    }
    try {
      out.push({ kind: 'element', path, index, offset, value: JSON.parse(text) });
    } catch (err) {
      out.push({ kind: 'bad', path, index, offset, reason: `malformed JSON element: ${(err as Error).message}` });
    }
  }

  /** Call at end of input. */
  end(out: JsonStreamItem[]): void {
    if (this.tok) this.endToken(out);
    if (this.cap) {
      const top = this.stack[this.stack.length - 1] as Frame;
      out.push({
        kind: 'bad',
        path: this.path(),
        index: top.index,
        offset: this.capStart,
        reason: 'file ends inside this element (truncated?)',
      });
      this.cap = null;
      return;
    }
    if (!this.started) throw new JsonStreamError('empty: no JSON value found', this.offset);
    if (this.stack.length > 0)
      throw new JsonStreamError('file ends before the JSON document is closed (truncated?)', this.offset);
  }
}

function safeParse(bytes: number[]): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Streams items; a structural error is yielded as a thrown JsonStreamError after the items before it. */
export async function* streamJson(
  chunks: AsyncIterable<Buffer | Uint8Array>,
  opts: JsonStreamOptions,
): AsyncGenerator<JsonStreamItem> {
  const s = new JsonStreamer(opts);
  const out: JsonStreamItem[] = [];
  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    try {
      s.push(chunk, out);
    } finally {
      yield* out.splice(0);
    }
  }
  try {
    s.end(out);
  } finally {
    yield* out.splice(0);
  }
}
