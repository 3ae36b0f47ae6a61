import type { Readable } from 'node:stream';

/** One file inside an input: a zip member, a file in an unpacked folder, or the input file itself. */
export interface ArchiveEntry {
  /** POSIX path inside the input ('' when the input is a single file). Used as SourceItem.origin. */
  path: string;
  /** Base name, also for a single-file input (its own file name). */
  name: string;
  /** Uncompressed size as declared (zip header) or measured (folder). */
  size: number;
}

/** Read-only view over "a zip as downloaded", "the unpacked folder" or one plain file. Nothing is ever extracted to disk. */
export interface Archive {
  /** What the user gave, for messages. */
  readonly displayPath: string;
  readonly kind: 'zip' | 'folder' | 'file';
  /** Entries that are safe to read (unsafe ones are listed in `refused`). */
  readonly entries: readonly ArchiveEntry[];
  /** Entries refused before reading (absolute or `../` paths, oversized declared ratio...). */
  readonly refused: readonly { path: string; reason: string }[];
  get(path: string): ArchiveEntry | undefined;
  /** Stream of the entry's bytes; errors are ImportErrors naming the entry. */
  open(entry: ArchiveEntry): Promise<Readable>;
  /** Whole entry in memory; refuses entries above maxBytes with an ImportError. */
  readBytes(entry: ArchiveEntry, maxBytes?: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface ArchiveLimits {
  /** Total bytes inflated from one zip across all entries read. */
  maxTotalBytes: number;
  /** Largest allowed uncompressed/compressed ratio for one entry... */
  maxRatio: number;
  /** ...once the entry has inflated past this many bytes (small files may compress very well). */
  ratioGraceBytes: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioGraceBytes: 4 * 1024 ** 2,
  maxEntries: 200_000,
};

/** `a/b/../c` style and absolute paths are refused, backslashes read as separators. */
export function unsafePathReason(path: string): string | undefined {
  if (path.includes('\0')) return 'path contains a NUL byte';
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) return 'absolute path';
  if (p.split('/').some((seg) => seg === '..')) return 'path escapes the archive with ..';
  return undefined;
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Join a path relative to a directory inside the archive, normalising `./`. Returns undefined if it escapes. */
export function joinInside(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
