import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BlobIntegrityError, BlobMissingError } from '../core/errors.ts';
import { sha256Hex } from '../core/hash.ts';
import type { BlobStore, PutResult } from './blob-store.ts';
import { hashChecked } from './hash-checked.ts';

/**
 * Blobs in a folder, <root>/ab/cd/<sha256>, read-only. Writes go to a temp file under <root>/tmp (same
 * filesystem) and are renamed into place. rename(2) is atomic, also on NFS, so several processes or
 * machines storing the same blob at once each replace the file with identical bytes and a reader only
 * ever sees a whole file.
 */
export class FolderBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  get location(): string {
    return this.root;
  }

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
    await writeFile(tmp, buf, { flush: true });
    return this.settle(tmp, sha256, buf.length);
  }

  async putFile(path: string): Promise<PutResult> {
    const tmp = await this.tempPath();
    const hash = createHash('sha256');
    let bytes = 0;
    const out = createWriteStream(tmp, { flush: true });
    try {
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
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return this.settle(tmp, hash.digest('hex'), bytes);
  }

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

  /** The stored file's path after checking it exists (BlobMissingError otherwise). */
  private async existing(sha256: string): Promise<string> {
    const path = this.pathFor(sha256);
    try {
      await stat(path);
    } catch {
      throw new BlobMissingError(sha256);
    }
    return path;
  }

  async *read(sha256: string): AsyncIterable<Buffer> {
    yield* hashChecked(sha256, createReadStream(await this.existing(sha256)));
  }

  async hashOf(sha256: string): Promise<string> {
    const path = await this.existing(sha256);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** The stored file itself, read-only: nothing to copy or clean up. */
  async withLocalFile<T>(sha256: string, use: (path: string) => Promise<T>): Promise<T> {
    return use(await this.existing(sha256));
  }

  async verify(sha256: string): Promise<void> {
    const found = await this.hashOf(sha256);
    if (found !== sha256) throw new BlobIntegrityError(sha256, found);
  }

  close(): void {}
}
