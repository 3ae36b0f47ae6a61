import { open as openFile, stat } from 'node:fs/promises';
import { ImportError } from '../../core/errors.ts';
import type { ImportInput } from '../source.ts';
import type { Archive, ArchiveLimits } from './archive.ts';
import { DEFAULT_LIMITS } from './archive.ts';
import { openFolder, openSingleFile } from './folder-archive.ts';
import { openZip } from './zip-archive.ts';

export async function readHead(path: string, length = 4096): Promise<Buffer> {
  const fh = await openFile(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function isZipMagic(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    (head[3] === 4 || head[3] === 6)
  );
}

function describeStart(head: Buffer): string {
  const text = head
    .subarray(0, 16)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  return JSON.stringify(text);
}

/** Opens a file, folder or zip as an Archive, checking that a `.zip` really is one. */
export async function openInput(input: ImportInput, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<Archive> {
  if (input.isDirectory) return openFolder(input.path, input.displayPath, limits);
  const head = await readHead(input.path, 16);
  if (isZipMagic(head)) return openZip(input.path, input.displayPath, limits);
  if (/\.zip$/i.test(input.path)) {
    throw new ImportError(
      `named .zip but is not a zip archive (it starts with ${describeStart(head)})`,
      input.displayPath,
      'offset=0',
    );
  }
  const st = await stat(input.path);
  return openSingleFile(input.path, input.displayPath, st.size);
}

/** Runs fn over the opened input and always closes it. */
export async function withInput<T>(
  input: ImportInput,
  fn: (a: Archive) => Promise<T>,
  limits?: ArchiveLimits,
): Promise<T> {
  const archive = await openInput(input, limits);
  try {
    return await fn(archive);
  } finally {
    await archive.close();
  }
}
