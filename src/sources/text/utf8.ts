const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Index of the first byte that is not valid UTF-8, or -1. */
export function findInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export class InvalidUtf8Error extends Error {
  constructor(readonly offset: number) {
    super(`invalid UTF-8 at byte offset ${offset}`);
    this.name = 'InvalidUtf8Error';
  }
}

/** Strict decode; the error carries the offset of the first bad byte (plus base). */
export function decodeUtf8(b: Uint8Array, base = 0): string {
  try {
    return fatal.decode(b);
  } catch {
    throw new InvalidUtf8Error(base + Math.max(0, findInvalidUtf8(b)));
  }
}
