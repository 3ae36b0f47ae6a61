import { createHash } from 'node:crypto';
import yauzl from 'yauzl';

/** Every file in a zip held in memory, by path. WACZ files of one capture are small enough. */
export function unzipAll(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err ?? new Error('not a zip'));
      const files = new Map<string, Buffer>();
      z.on('error', reject);
      z.on('end', () => resolve(files));
      z.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return z.readEntry();
        z.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            z.readEntry();
          });
        });
      });
      z.readEntry();
    });
  });
}

export interface WaczCheck {
  ok: boolean;
  /** What was checked, one line each ("archive/data.warc.gz sha256 ok"). */
  checked: string[];
  problems: string[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Check a WACZ the way a receiving archive would: every resource datapackage.json lists is present with
 * its size and SHA-256, and datapackage-digest.json holds the SHA-256 of datapackage.json itself.
 */
export async function checkWacz(zip: Buffer): Promise<WaczCheck> {
  const checked: string[] = [];
  const problems: string[] = [];
  let files: Map<string, Buffer>;
  try {
    files = await unzipAll(zip);
  } catch (err) {
    return { ok: false, checked, problems: [`not a readable zip: ${(err as Error).message}`] };
  }
  const dp = files.get('datapackage.json');
  if (!dp) return { ok: false, checked, problems: ['datapackage.json is missing'] };
  const pkg = JSON.parse(dp.toString('utf8')) as { resources?: { path: string; hash: string; bytes: number }[] };
  for (const r of pkg.resources ?? []) {
    const f = files.get(r.path);
    if (!f) {
      problems.push(`${r.path} is listed but missing`);
      continue;
    }
    const [algo, want] = r.hash.split(':');
    const got = algo === 'sha256' ? sha256(f) : undefined;
    if (got !== want) problems.push(`${r.path}: ${r.hash} listed, sha256:${got} found`);
    else if (r.bytes !== f.length) problems.push(`${r.path}: ${r.bytes} bytes listed, ${f.length} found`);
    else checked.push(`${r.path} sha256 ok`);
  }
  const digest = files.get('datapackage-digest.json');
  if (!digest) problems.push('datapackage-digest.json is missing');
  else {
    const d = JSON.parse(digest.toString('utf8')) as { hash?: string };
    if (d.hash !== `sha256:${sha256(dp)}`) problems.push('datapackage-digest.json does not match datapackage.json');
    else checked.push('datapackage.json sha256 ok');
  }
  return { ok: problems.length === 0, checked, problems };
}
