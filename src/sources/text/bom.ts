/**
 * The UTF-8 byte-order mark (EF BB BF). Windows tools (Notepad, Excel, PowerShell) write one at the
 * start of JSON, CSV and text files; every reader here accepts it through these helpers, and byte
 * offsets still count it, so they stay offsets into the file as it is on disk.
 */
export const UTF8_BOM: readonly number[] = [0xef, 0xbb, 0xbf];

/** 3 when the bytes start with a UTF-8 BOM, else 0. */
export function bomLength(b: Uint8Array): number {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
