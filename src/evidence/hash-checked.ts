import { createHash } from 'node:crypto';
import { BlobIntegrityError } from '../core/errors.ts';

/** Pass chunks through while hashing them; throw BlobIntegrityError at the end if they are not `sha256`. */
export async function* hashChecked(sha256: string, source: AsyncIterable<Buffer | Uint8Array>): AsyncIterable<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of source) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(b);
    yield b;
  }
  const found = hash.digest('hex');
  if (found !== sha256) throw new BlobIntegrityError(sha256, found);
}
