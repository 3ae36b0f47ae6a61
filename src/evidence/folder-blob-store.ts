import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { BlobIntegrityError, BlobMissingError } from '../core/errors.ts';
import { sha256Hex } from '../core/hash.ts';
import { fileWorthCompressing, worthCompressing } from './blob-compression.ts';
import type { BlobStore, PutResult } from './blob-store.ts';
import { hashChecked } from './hash-checked.ts';

/**
 * Blobs in a folder, <root>/ab/cd/<sha256>, read-only. A blob that compresses well (a text export:
 * blob-compression.ts) is stored gzipped (RFC 1952) as <sha256>.gz instead: its name is still the SHA-256
 * of the original bytes, every read gunzips and re-hashes them, and `gunzip` alone gives them back. Blobs
 * stored before that are plain files and read as before. Writes go to a temp file under <root>/tmp (same
 * filesystem) and are renamed into place. rename(2) is atomic, also on NFS, so several processes or
 * machines storing the same blob at once each replace the file with identical bytes and a reader only
 * ever sees a whole file.
 */
export class FolderBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  get location(): string {
    return this.root;
  }

  private plainPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** The file holding the blob: <sha256>.gz if it was stored gzipped, else <sha256> (whether or not it exists). */
  pathFor(sha256: string): string {
    const gz = `${this.plainPath(sha256)}.gz`;
    return existsSync(gz) ? gz : this.plainPath(sha256);
  }

  async has(sha256: string): Promise<boolean> {
    const found = (path: string) =>
      access(path).then(
        () => true,
        () => false,
      );
    return (await found(`${this.plainPath(sha256)}.gz`)) || found(this.plainPath(sha256));
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  private async settle(tmp: string, sha256: string, bytes: number, gzipped: boolean): Promise<PutResult> {
    const final = `${this.plainPath(sha256)}${gzipped ? '.gz' : ''}`;
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
    const gzipped = worthCompressing(buf, buf.length);
    await writeFile(tmp, gzipped ? gzipSync(buf) : buf, { flush: true });
    return this.settle(tmp, sha256, buf.length, gzipped);
  }

  async putFile(path: string): Promise<PutResult> {
    const tmp = await this.tempPath();
    const gzipped = await fileWorthCompressing(path);
    const hash = createHash('sha256');
    let bytes = 0;
    const out = createWriteStream(tmp, { flush: true });
    const hashing = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    };
    try {
      if (gzipped) await pipeline(createReadStream(path), hashing, createGzip(), out);
      else await pipeline(createReadStream(path), hashing, out);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return this.settle(tmp, hash.digest('hex'), bytes, gzipped);
  }

  async get(sha256: string): Promise<Buffer> {
    const path = this.pathFor(sha256);
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch {
      throw new BlobMissingError(sha256);
    }
    if (path.endsWith('.gz')) {
      try {
        buf = gunzipSync(buf);
      } catch (err) {
        throw new BlobIntegrityError(sha256, `unreadable gzip (${(err as Error).message})`);
      }
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

  /** The original bytes of a stored file, gunzipped if it is a .gz; a broken gzip is a BlobIntegrityError. */
  private async *original(sha256: string): AsyncIterable<Buffer> {
    const path = await this.existing(sha256);
    if (!path.endsWith('.gz')) {
      yield* createReadStream(path);
      return;
    }
    try {
      yield* createReadStream(path).pipe(createGunzip());
    } catch (err) {
      throw new BlobIntegrityError(sha256, `unreadable gzip (${(err as Error).message})`);
    }
  }

  async *read(sha256: string): AsyncIterable<Buffer> {
    yield* hashChecked(sha256, this.original(sha256));
  }

  async hashOf(sha256: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of this.original(sha256)) hash.update(chunk);
    return hash.digest('hex');
  }

  /**
   * The stored file itself, read-only, for a plain blob; a gzipped one is unpacked to a temporary file
   * (hash-checked) that is removed afterwards.
   */
  async withLocalFile<T>(sha256: string, use: (path: string) => Promise<T>): Promise<T> {
    const path = await this.existing(sha256);
    if (!path.endsWith('.gz')) return use(path);
    const tmp = await this.tempPath();
    try {
      await pipeline(this.read(sha256), createWriteStream(tmp));
      await chmod(tmp, 0o444);
      return await use(tmp);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async verify(sha256: string): Promise<void> {
    const found = await this.hashOf(sha256);
    if (found !== sha256) throw new BlobIntegrityError(sha256, found);
  }

  close(): void {}
}
