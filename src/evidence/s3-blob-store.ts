import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { BlobIntegrityError, BlobMissingError, VigilError } from '../core/errors.ts';
import { sha256Hex } from '../core/hash.ts';
import type { BlobStore, PutResult } from './blob-store.ts';
import { hashChecked } from './hash-checked.ts';

/** The bucket could not be reached or refused a request; names the blob and the object. */
export class S3BlobStoreError extends VigilError {}

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"; a missing slash is added). */
  prefix?: string;
  /** An S3-compatible endpoint (MinIO, Ceph, s3rver); AWS itself when absent. */
  endpoint?: string;
  region?: string;
  /** Path-style URLs (http://host/bucket/key), which most self-hosted servers need. */
  forcePathStyle?: boolean;
  credentials?: S3ClientConfig['credentials'];
  /** Files up to this size go up in one PutObject; larger ones in parts of this size (S3's minimum is 5 MiB). */
  partSize?: number;
  /** Where withLocalFile downloads to (default: the OS temp folder). */
  tmpDir?: string;
}

const MiB = 1024 * 1024;

/** S3's rule for bucket names (3–63 characters, lower-case letters, digits, dots, hyphens). */
export function checkBucketName(bucket: string): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..'))
    throw new S3BlobStoreError(
      `"${bucket}" is not an S3 bucket name: 3-63 characters of a-z, 0-9, "." and "-", starting and ending with a letter or digit`,
      bucket,
    );
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/**
 * Blobs in an S3-compatible bucket under <prefix>ab/cd/<sha256>, the folder store's layout.
 *
 * Write-once: a blob already there is not sent again (HeadObject), and the final write carries
 * `If-None-Match: *`, which AWS S3 (since 2024) and recent MinIO honour, refusing to overwrite. Servers
 * that ignore the header (s3rver does) overwrite with identical bytes, because the name is the hash.
 *
 * A file is hashed first (a blob already stored costs no upload), then sent to a temporary key while
 * being hashed again, and only copied to its final key if the two hashes agree: a file changed
 * in between never ends up under a name it does not hash to. Parts are read into memory one at a
 * time (partSize), so a 1 GB export never is, and each request can be retried by the SDK.
 *
 * Every read re-hashes, as the folder store does.
 */
export class S3BlobStore implements BlobStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly client: S3Client;
  private readonly partSize: number;
  private readonly tmpDir: string;

  constructor(opts: S3BlobStoreOptions) {
    checkBucketName(opts.bucket);
    this.bucket = opts.bucket;
    const prefix = (opts.prefix ?? '').replace(/^\/+/, '');
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    this.partSize = Math.max(opts.partSize ?? 16 * MiB, 5 * MiB);
    this.tmpDir = opts.tmpDir ?? tmpdir();
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region ?? 'us-east-1',
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.credentials,
      // Standard retries (throttling, 5xx, resets) with backoff; bodies are buffers, so retries can resend.
      maxAttempts: 5,
      retryMode: 'standard',
      // Connect within 10 s; a request whose socket stays silent for 2 minutes is abandoned (and retried).
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
      // Only the checksums a request requires: Vigil checks SHA-256 itself, and s3rver, like some other
      // S3-compatible servers, does not understand the SDK's default CRC32 trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  keyFor(sha256: string): string {
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  private failure(err: unknown, doing: string, key: string): S3BlobStoreError {
    const e = err as Error;
    return new S3BlobStoreError(`cannot ${doing} s3://${this.bucket}/${key}: ${e.name}: ${e.message}`, key);
  }

  async has(sha256: string): Promise<boolean> {
    return this.exists(this.keyFor(sha256), `look for blob ${sha256} at`);
  }

  private async exists(key: string, doing: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (statusOf(err) === 404 && (err as Error).name !== 'NoSuchBucket') return false;
      throw this.failure(err, doing, key);
    }
  }

  /** Run a conditional write; true when it was written, false when the object was already there. */
  private async writeOnce(send: () => Promise<unknown>, doing: string, key: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return true;
      } catch (err) {
        // 412: If-None-Match found the object. 409: another write of the same key is in flight;
        // AWS asks to retry, and the retry then sees it (412) or wins.
        if (statusOf(err) === 412) return false;
        if (statusOf(err) === 409 && attempt < 5) {
          await new Promise((r) => setTimeout(r, 100 * attempt));
          continue;
        }
        throw this.failure(err, doing, key);
      }
    }
  }

  async putBytes(data: Uint8Array | string): Promise<PutResult> {
    const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.length);
    const sha256 = sha256Hex(buf);
    if (await this.has(sha256)) return { sha256, bytes: buf.length, existed: true };
    const key = this.keyFor(sha256);
    const written = await this.writeOnce(
      () =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: buf,
            ContentLength: buf.length,
            // The server checks the body against it where it can (AWS, MinIO).
            ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
            IfNoneMatch: '*',
          }),
        ),
      `store blob ${sha256} at`,
      key,
    );
    return { sha256, bytes: buf.length, existed: !written };
  }

  async putFile(path: string): Promise<PutResult> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    const sha256 = hash.digest('hex');
    if (await this.has(sha256)) return { sha256, bytes, existed: true };
    const key = this.keyFor(sha256);
    const tmpKey = `${this.prefix}tmp/${process.pid}-${randomBytes(8).toString('hex')}`;
    try {
      const sent = await this.upload(tmpKey, path);
      if (sent.sha256 !== sha256 || sent.bytes !== bytes)
        throw new S3BlobStoreError(
          `${path} changed while it was being stored (it hashed to ${sha256}, then sent ${sent.sha256}); nothing was stored`,
          path,
        );
      const copySource = `${this.bucket}/${tmpKey.split('/').map(encodeURIComponent).join('/')}`;
      const written = await this.writeOnce(
        () =>
          this.client.send(
            new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: copySource, IfNoneMatch: '*' }),
          ),
        `store blob ${sha256} at`,
        key,
      );
      return { sha256, bytes, existed: !written };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => undefined);
    }
  }

  /** Send a file to `key`, one PutObject or a multipart upload, hashing what is read; returns that hash. */
  private async upload(key: string, path: string): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256');
    let bytes = 0;
    const fh = await open(path, 'r');
    let uploadId: string | undefined;
    try {
      const parts: { ETag?: string; PartNumber: number }[] = [];
      for (let n = 1; ; n++) {
        const part = await readPart(fh, this.partSize);
        hash.update(part);
        bytes += part.length;
        const last = part.length < this.partSize;
        if (n === 1 && last) {
          await this.client
            .send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: part, ContentLength: part.length }))
            .catch((err) => {
              throw this.failure(err, `upload ${path} to`, key);
            });
          break;
        }
        if (uploadId === undefined) {
          const created = await this.client
            .send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }))
            .catch((err) => {
              throw this.failure(err, `start uploading ${path} to`, key);
            });
          uploadId = created.UploadId;
        }
        if (part.length > 0 || n === 1) {
          const up = await this.client
            .send(
              new UploadPartCommand({
                Bucket: this.bucket,
                Key: key,
                UploadId: uploadId,
                PartNumber: n,
                Body: part,
                ContentLength: part.length,
              }),
            )
            .catch((err) => {
              throw this.failure(err, `upload part ${n} of ${path} to`, key);
            });
          parts.push({ ETag: up.ETag, PartNumber: n });
        }
        if (last) break;
      }
      if (uploadId !== undefined) {
        await this.client
          .send(
            new CompleteMultipartUploadCommand({
              Bucket: this.bucket,
              Key: key,
              UploadId: uploadId,
              MultipartUpload: { Parts: parts },
            }),
          )
          .catch((err) => {
            throw this.failure(err, `finish uploading ${path} to`, key);
          });
        uploadId = undefined;
      }
    } finally {
      await fh.close();
      if (uploadId !== undefined)
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined);
    }
    return { sha256: hash.digest('hex'), bytes };
  }

  /** The object's body; BlobMissingError when there is none. */
  private async body(sha256: string): Promise<AsyncIterable<Uint8Array>> {
    const key = this.keyFor(sha256);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body as unknown as AsyncIterable<Uint8Array>;
    } catch (err) {
      if (statusOf(err) === 404 && (err as Error).name !== 'NoSuchBucket') throw new BlobMissingError(sha256);
      throw this.failure(err, `read blob ${sha256} from`, key);
    }
  }

  async *read(sha256: string): AsyncIterable<Buffer> {
    yield* hashChecked(sha256, await this.body(sha256));
  }

  async get(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(sha256)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async hashOf(sha256: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of await this.body(sha256)) hash.update(chunk);
    return hash.digest('hex');
  }

  async verify(sha256: string): Promise<void> {
    const found = await this.hashOf(sha256);
    if (found !== sha256) throw new BlobIntegrityError(sha256, found);
  }

  /** Download to a private temporary folder, checking the hash on the way, and remove it afterwards. */
  async withLocalFile<T>(sha256: string, use: (path: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(this.tmpDir, 'vigil-blob-'));
    try {
      const file = join(dir, sha256);
      await pipeline(Readable.from(this.read(sha256)), createWriteStream(file, { mode: 0o600 }));
      await chmod(file, 0o444);
      return await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  close(): void {
    this.client.destroy();
  }
}

/** Read up to `size` bytes from the current position (short only at the end of the file). */
async function readPart(fh: Awaited<ReturnType<typeof open>>, size: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await fh.read(buf, filled, size - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buf.subarray(0, filled);
}
