import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ImportError } from '../../core/errors.ts';
import type { Archive, ArchiveEntry, ArchiveLimits } from './archive.ts';
import { DEFAULT_LIMITS } from './archive.ts';
import { readAll } from './read-all.ts';

/** An unpacked export folder. Symlinks are refused so nothing outside the folder is read. */
export async function openFolder(
  root: string,
  displayPath: string,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): Promise<Archive> {
  const entries: ArchiveEntry[] = [];
  const refused: { path: string; reason: string }[] = [];
  async function walk(rel: string): Promise<void> {
    const dirents = await readdir(join(root, rel), { withFileTypes: true });
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isSymbolicLink()) refused.push({ path, reason: 'symbolic link (not followed)' });
      else if (d.isDirectory()) await walk(path);
      else if (d.isFile()) {
        if (entries.length >= limits.maxEntries)
          throw new ImportError(`more than ${limits.maxEntries} files`, displayPath);
        const st = await lstat(join(root, path));
        entries.push({ path, name: d.name, size: st.size });
      }
    }
  }
  await walk('');
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return {
    displayPath,
    kind: 'folder',
    entries,
    refused,
    get: (p) => byPath.get(p),
    async open(entry): Promise<Readable> {
      return createReadStream(join(root, entry.path));
    },
    async readBytes(entry, maxBytes = 256 * 1024 ** 2) {
      return readAll(createReadStream(join(root, entry.path)), maxBytes, `${displayPath}/${entry.path}`);
    },
    async close() {},
  };
}

/** A single plain file: one entry with path ''. */
export async function openSingleFile(path: string, displayPath: string, size: number): Promise<Archive> {
  const name = displayPath.split(/[\\/]/).pop() ?? displayPath;
  const entry: ArchiveEntry = { path: '', name, size };
  return {
    displayPath,
    kind: 'file',
    entries: [entry],
    refused: [],
    get: (p) => (p === '' || p === name ? entry : undefined),
    async open() {
      return createReadStream(path);
    },
    async readBytes(_e, maxBytes = 256 * 1024 ** 2) {
      return readAll(createReadStream(path), maxBytes, displayPath);
    },
    async close() {},
  };
}
