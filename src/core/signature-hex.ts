// The near-duplicate signature's two hex strings (src/analysis/near-dup.ts) read as numbers: a digest reads a
// million of them, and keeping them as numbers spares the heap a million strings each.

/** 8 lowercase hex digits at `from` as an unsigned number, or -1 when they are not that. */
function hexHalf(s: string, from: number): number {
  let v = 0;
  for (let k = from; k < from + 8; k++) {
    const c = s.charCodeAt(k);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    v = v * 16 + digit;
  }
  return v;
}

/**
 * A copy key as a number pair when it is 16 lowercase hex digits (what copyKeyOf writes): `kind` 1 and the
 * halves in `hi`/`lo` at `i`; '' is kind 0 (nothing to compare); any other key kind 2 (compared as a string).
 */
export function parseCopyKey(k: string, i: number, kind: Uint8Array, hi: Uint32Array, lo: Uint32Array): void {
  if (k === '') {
    kind[i] = 0;
    return;
  }
  const h = k.length === 16 ? hexHalf(k, 0) : -1;
  const l = h < 0 ? -1 : hexHalf(k, 8);
  if (l < 0) {
    kind[i] = 2;
    return;
  }
  kind[i] = 1;
  hi[i] = h;
  lo[i] = l;
}

/**
 * A SimHash's halves as they have always been read (parseInt of each 8 hex digits, stored unsigned): into
 * `hi`/`lo` at `i`; false when it is '' (never compared).
 */
export function parseSimhash(hex: string, i: number, hi: Uint32Array, lo: Uint32Array): boolean {
  if (hex === '') return false;
  const h = hex.length === 16 ? hexHalf(hex, 0) : -1;
  const l = h < 0 ? -1 : hexHalf(hex, 8);
  hi[i] = l < 0 ? Number.parseInt(hex.slice(0, 8), 16) : h;
  lo[i] = l < 0 ? Number.parseInt(hex.slice(8), 16) : l;
  return true;
}
