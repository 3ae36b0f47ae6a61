import { open } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';

/**
 * Whether a blob is worth storing gzipped (issue 18, disk a message): at least 4 KiB, and its first 64 KiB
 * deflate (fastest level) to under 80%. Text exports (JSONL, CSV, JSON, chat logs) do, by 3-4 times;
 * photos, video and zip archives, already compressed, do not and are stored as they are.
 */
const MIN_BYTES = 4096;
const SAMPLE = 64 * 1024;
const WORTH = 0.8;

export function worthCompressing(sample: Uint8Array, totalBytes: number): boolean {
  if (totalBytes < MIN_BYTES) return false;
  const head = sample.subarray(0, SAMPLE);
  return deflateRawSync(head, { level: 1 }).length < head.length * WORTH;
}

/** The same decision for a file, from its first 64 KiB. */
export async function fileWorthCompressing(path: string): Promise<boolean> {
  const f = await open(path, 'r');
  try {
    const { size } = await f.stat();
    if (size < MIN_BYTES) return false;
    const buf = Buffer.alloc(Math.min(SAMPLE, size));
    const { bytesRead } = await f.read(buf, 0, buf.length, 0);
    return worthCompressing(buf.subarray(0, bytesRead), size);
  } finally {
    await f.close();
  }
}
