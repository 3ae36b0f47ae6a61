import { VigilError } from '../core/errors.ts';

/** Just enough DER (X.690) to build an RFC 3161 request and read a reply: no general ASN.1. */
export class DerError extends VigilError {}

export function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.of(tag), derLength(body.length), body]);
}

/** A non-negative INTEGER from big-endian bytes (leading zeros dropped, a 0x00 added when the top bit is set). */
export function derUnsigned(bytes: Uint8Array): Buffer {
  let b = Buffer.from(bytes);
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  if (b.length === 0) b = Buffer.of(0);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.of(0), b]);
  return tlv(0x02, b);
}

export interface DerNode {
  tag: number;
  /** The whole element, header included. */
  raw: Buffer;
  /** The content octets. */
  content: Buffer;
}

/** Read one element at `offset`. */
export function readDer(buf: Buffer, offset = 0): DerNode & { end: number } {
  if (offset + 2 > buf.length) throw new DerError(`DER: truncated at offset ${offset}`, offset);
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`DER: multi-byte tags are not expected (offset ${offset})`, offset);
  let len = buf[offset + 1];
  let at = offset + 2;
  if (len === 0x80) throw new DerError(`DER: indefinite length at offset ${offset}`, offset);
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4 || at + n > buf.length) throw new DerError(`DER: bad length at offset ${offset}`, offset);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + i];
    at += n;
  }
  const end = at + len;
  if (end > buf.length) throw new DerError(`DER: element at offset ${offset} runs past the end`, offset);
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(at, end), end };
}

/** The elements inside a constructed element's content. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let at = 0;
  while (at < node.content.length) {
    const c = readDer(node.content, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

export function oidBytes(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) stack.unshift(0x80 | (v & 0x7f));
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}
