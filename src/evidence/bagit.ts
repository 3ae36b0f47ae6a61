import { createHash, type Hash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VigilError } from '../core/errors.ts';

/**
 * A BagIt 1.0 bag (RFC 8493) written by hand: payload under data/, SHA-256 and SHA-512 payload manifests,
 * bag-info.txt with Payload-Oxum, and a SHA-256 tag manifest. Everything is written into a temporary
 * folder beside the target and renamed into place at the end, so the final name only ever holds a
 * whole bag; on any failure the temporary folder is removed.
 */
export class BagError extends VigilError {}

const ALGORITHMS = ['sha256', 'sha512'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

interface Entry {
  path: string;
  bytes: number;
  digests: Record<Algorithm, string>;
}

/** RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded. */
export function manifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function hashes(): Record<Algorithm, Hash> {
  return { sha256: createHash('sha256'), sha512: createHash('sha512') };
}

/** A payload file written in pieces, hashed as it goes. */
export class PayloadFile {
  private readonly h = hashes();
  private bytes = 0;
  private readonly out: WriteStream;
  private readonly failed: Promise<never>;

  constructor(
    private readonly bag: BagWriter,
    readonly path: string,
    full: string,
  ) {
    this.out = createWriteStream(full, { flags: 'wx' });
    this.failed = new Promise((_, reject) => this.out.once('error', reject));
    this.failed.catch(() => {});
  }

  async write(chunk: string | Buffer): Promise<void> {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (const a of ALGORITHMS) this.h[a].update(b);
    this.bytes += b.length;
    if (!this.out.write(b)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }

  async close(): Promise<void> {
    this.out.end();
    await Promise.race([once(this.out, 'finish'), this.failed]);
    this.bag.record({
      path: this.path,
      bytes: this.bytes,
      digests: { sha256: this.h.sha256.digest('hex'), sha512: this.h.sha512.digest('hex') },
    });
  }
}

export class BagWriter {
  private readonly entries: Entry[] = [];
  private done = false;

  private constructor(
    readonly finalPath: string,
    readonly tempPath: string,
  ) {}

  /** Start a bag that will end up at `finalPath` (which must not exist yet). */
  static async create(finalPath: string): Promise<BagWriter> {
    if (await exists(finalPath)) throw new BagError(`${finalPath} already exists; choose another --out`, finalPath);
    const temp = join(dirname(finalPath), `.${basename(finalPath)}.partial-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(join(temp, 'data'), { recursive: true });
    } catch (err) {
      await rm(temp, { recursive: true, force: true }).catch(() => {});
      throw new BagError(`cannot write the bag beside ${finalPath}: ${(err as Error).message}`, finalPath);
    }
    return new BagWriter(finalPath, temp);
  }

  record(e: Entry): void {
    this.entries.push(e);
  }

  private async prepare(path: string): Promise<string> {
    if (!path.startsWith('data/') || path.includes('..')) throw new BagError(`not a payload path: ${path}`, path);
    const full = join(this.tempPath, path);
    await mkdir(dirname(full), { recursive: true });
    return full;
  }

  /** A payload file to write line by line (`path` starts with data/). */
  async open(path: string): Promise<PayloadFile> {
    return new PayloadFile(this, path, await this.prepare(path));
  }

  async addFile(path: string, data: string | Buffer): Promise<void> {
    const f = await this.open(path);
    await f.write(data);
    await f.close();
  }

  /** Copy a file into the payload, streaming and hashing it. */
  async copyFile(path: string, source: string): Promise<void> {
    await this.copyFrom(path, createReadStream(source));
  }

  /** Write a stream into the payload (a blob store's verified read); if it throws, the bag is abandoned. */
  async copyFrom(path: string, source: AsyncIterable<Buffer | Uint8Array>): Promise<void> {
    const f = await this.open(path);
    for await (const chunk of source) await f.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    await f.close();
  }

  get payloadOxum(): string {
    return `${this.entries.reduce((n, e) => n + e.bytes, 0)}.${this.entries.length}`;
  }

  /** Write the tag files (bag-info fields in order, plus extra tag files like README.txt), then rename into place. */
  async finish(info: [string, string][], tagFiles: Record<string, string | Buffer>): Promise<void> {
    const sorted = [...this.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const tags: Record<string, string | Buffer> = {
      'bagit.txt': 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
      'bag-info.txt': [...info, ['Payload-Oxum', this.payloadOxum] as [string, string]]
        .map(([k, v]) => `${k}: ${v.replace(/\s*\n\s*/g, ' ')}\n`)
        .join(''),
      ...tagFiles,
    };
    for (const a of ALGORITHMS)
      tags[`manifest-${a}.txt`] = sorted.map((e) => `${e.digests[a]}  ${manifestPath(e.path)}\n`).join('');
    for (const [name, body] of Object.entries(tags)) await writeFile(join(this.tempPath, name), body, { flag: 'wx' });
    const tagManifest = Object.entries(tags)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, body]) => `${createHash('sha256').update(body).digest('hex')}  ${manifestPath(name)}\n`)
      .join('');
    await writeFile(join(this.tempPath, 'tagmanifest-sha256.txt'), tagManifest, { flag: 'wx' });
    if (await exists(this.finalPath)) throw new BagError(`${this.finalPath} appeared while the bag was written`);
    await rename(this.tempPath, this.finalPath);
    this.done = true;
  }

  /** Remove the temporary folder (after a failure); a finished bag is left alone. */
  async abandon(): Promise<void> {
    if (!this.done) await rm(this.tempPath, { recursive: true, force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}
