import { type Readable, Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from '../../core/errors.ts';
import type { Archive, ArchiveEntry, ArchiveLimits } from './archive.ts';
import { baseName, DEFAULT_LIMITS, unsafePathReason } from './archive.ts';
import { readAll } from './read-all.ts';

interface ZipMember extends ArchiveEntry {
  raw: yauzl.Entry;
}

function explainOpenError(err: Error): string {
  const m = err.message;
  if (/end of central directory record signature not found/i.test(m))
    return 'not a complete zip archive: its end-of-central-directory record is missing (truncated download, or not a zip at all)';
  if (/central directory/i.test(m) || /unexpected EOF/i.test(m))
    return `damaged zip archive (${m}); the file may be truncated`;
  return `cannot read zip archive: ${m}`;
}

/**
 * A zip read in place with yauzl. Entry names are decoded and checked here (not by yauzl, which
 * would abort the whole archive on one `../` name) so one unsafe member is refused and the rest kept.
 * Inflated bytes are counted while streaming: a member past the ratio cap, or the archive past the
 * total cap, fails with an ImportError whatever its headers claimed.
 */
export async function openZip(
  path: string,
  displayPath: string,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): Promise<Archive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, z) => {
        if (err || !z)
          reject(new ImportError(explainOpenError(err ?? new Error('unknown error')), displayPath, undefined, path));
        else resolve(z);
      },
    );
  });
  const entries: ZipMember[] = [];
  const refused: { path: string; reason: string }[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (raw: yauzl.Entry) => {
        const name = yauzl.getFileNameLowLevel(
          raw.generalPurposeBitFlag,
          raw.fileNameRaw,
          raw.extraFields,
          false,
        ) as string;
        const clean = name.replace(/\\/g, '/');
        const unsafe = unsafePathReason(name);
        if (unsafe) refused.push({ path: name, reason: unsafe });
        else if (clean.endsWith('/')) {
          /* directory */
        } else if (raw.isEncrypted()) refused.push({ path: clean, reason: 'encrypted member' });
        else if (raw.compressionMethod !== 0 && raw.compressionMethod !== 8)
          refused.push({ path: clean, reason: `unsupported compression method ${raw.compressionMethod}` });
        else if (raw.uncompressedSize > limits.maxTotalBytes)
          refused.push({
            path: clean,
            reason: `declares ${raw.uncompressedSize} bytes, above the ${limits.maxTotalBytes}-byte cap`,
          });
        else if (
          raw.uncompressedSize > limits.ratioGraceBytes &&
          raw.uncompressedSize / Math.max(1, raw.compressedSize) > limits.maxRatio
        )
          refused.push({
            path: clean,
            reason: `compression ratio ${Math.round(raw.uncompressedSize / Math.max(1, raw.compressedSize))}:1 looks like a decompression bomb`,
          });
        else entries.push({ path: clean, name: baseName(clean), size: raw.uncompressedSize, raw });
        if (entries.length + refused.length > limits.maxEntries) {
          reject(new ImportError(`more than ${limits.maxEntries} members`, displayPath));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (err: Error) =>
        reject(new ImportError(explainOpenError(err), displayPath, `entry=${entries.length + refused.length}`)),
      );
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    throw err;
  }
  const byPath = new Map(entries.map((e) => [e.path, e]));
  let inflatedTotal = 0;

  async function open(entry: ArchiveEntry): Promise<Readable> {
    const member = byPath.get(entry.path);
    const where = `${displayPath}!${entry.path}`;
    if (!member) throw new ImportError('no such member', displayPath, entry.path);
    const stream = await new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(member.raw, (err, s) => {
        if (err || !s) reject(new ImportError(`cannot open member: ${err?.message ?? 'unknown error'}`, where));
        else resolve(s);
      });
    });
    let seen = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        seen += chunk.length;
        inflatedTotal += chunk.length;
        if (seen > limits.ratioGraceBytes && seen / Math.max(1, member.raw.compressedSize) > limits.maxRatio) {
          cb(
            new ImportError(
              `inflates past ${limits.maxRatio}:1 of its ${member.raw.compressedSize} compressed bytes; refused as a decompression bomb`,
              where,
              `offset=${seen}`,
            ),
          );
          return;
        }
        if (inflatedTotal > limits.maxTotalBytes) {
          cb(
            new ImportError(
              `archive inflates past the ${limits.maxTotalBytes}-byte total cap; refused as a decompression bomb`,
              where,
              `offset=${seen}`,
            ),
          );
          return;
        }
        cb(null, chunk);
      },
    });
    stream.on('error', (err: Error) => {
      const e =
        err instanceof ImportError
          ? err
          : new ImportError(`damaged member (${err.message}); the zip may be truncated`, where, `offset=${seen}`);
      guard.destroy(e);
    });
    guard.on('close', () => stream.destroy());
    return stream.pipe(guard);
  }

  return {
    displayPath,
    kind: 'zip',
    entries,
    refused,
    get: (p) => byPath.get(p),
    open,
    async readBytes(entry, maxBytes = 256 * 1024 ** 2) {
      return readAll(await open(entry), maxBytes, `${displayPath}!${entry.path}`);
    },
    async close() {
      zip.close();
    },
  };
}
