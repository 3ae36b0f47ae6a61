import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BlobIntegrityError, BlobMissingError } from '../core/errors.ts';
import { sha256Hex } from '../core/hash.ts';

export interface PutResult {
  sha256: string;
  bytes: number;
  /** The blob was already stored. */
  existed: boolean;
}

/**
 * Content-addressed, write-once originals under <data>/blobs/ab/cd/<sha256>.
 * Writes go to a temp file and are renamed into place; every read checks the hash.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  pathFor(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return access(this.pathFor(sha256)).then(
      () => true,
      () => false,
    );
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  private async settle(tmp: string, sha256: string, bytes: number): Promise<PutResult> {
    const final = this.pathFor(sha256);
    if (await this.has(sha256)) {
      await rm(tmp, { force: true });
      return { sha256, bytes, existed: true };
    }
    await mkdir(join(final, '..'), { recursive: true });
    await chmod(tmp, 0o444);
    await rename(tmp, final);
    return { sha256, bytes, existed: false };
  }

  async putBytes(data: Uint8Array | string): Promise<PutResult> {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    const sha256 = sha256Hex(buf);
    if (await this.has(sha256)) return { sha256, bytes: buf.length, existed: true };
    const tmp = await this.tempPath();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(tmp, buf, { flush: true });
    return this.settle(tmp, sha256, buf.length);
  }

  /** Stream a file in, hashing while copying, so a 1 GB export never sits in memory. */
  async putFile(path: string): Promise<PutResult> {
    const tmp = await this.tempPath();
    const hash = createHash('sha256');
    let bytes = 0;
    const out = createWriteStream(tmp, { flush: true });
    await pipeline(
      createReadStream(path),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      out,
    );
    return this.settle(tmp, hash.digest('hex'), bytes);
  }

  /** The bytes of a blob, after checking they still hash to its name. */
  async get(sha256: string): Promise<Buffer> {
    let buf: Buffer;
    try {
      buf = await readFile(this.pathFor(sha256));
    } catch {
      throw new BlobMissingError(sha256);
    }
    const found = sha256Hex(buf);
    if (found !== sha256) throw new BlobIntegrityError(sha256, found);
    return buf;
  }

  /** Hash a stored blob by streaming it; throws when missing, returns what it hashes to. */
  async hashOf(sha256: string): Promise<string> {
    const path = this.pathFor(sha256);
    try {
      await stat(path);
    } catch {
      throw new BlobMissingError(sha256);
    }
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /**
   * Run `use` with a local file holding the blob (importers that need random access, such as a
   * zip reader, work on a path). For this folder store it is the stored file itself, read-only;
   * a remote store downloads to a temporary file and removes it afterwards.
   */
  async withLocalFile<T>(sha256: string, use: (path: string) => Promise<T>): Promise<T> {
    const path = this.pathFor(sha256);
    try {
      await stat(path);
    } catch {
      throw new BlobMissingError(sha256);
    }
    return use(path);
  }

  async verify(sha256: string): Promise<void> {
    const found = await this.hashOf(sha256);
    if (found !== sha256) throw new BlobIntegrityError(sha256, found);
  }
}
