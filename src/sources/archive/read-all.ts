import type { Readable } from 'node:stream';
import { ImportError } from '../../core/errors.ts';

/** Collects a stream into one buffer, refusing to hold more than maxBytes. */
export async function readAll(stream: Readable, maxBytes: number, file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      total += b.length;
      if (total > maxBytes) {
        stream.destroy();
        throw new ImportError(
          `larger than ${maxBytes} bytes; refusing to read it into memory`,
          file,
          `offset=${maxBytes}`,
          total,
        );
      }
      parts.push(b);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts, total);
}
