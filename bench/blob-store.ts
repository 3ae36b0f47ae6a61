// `node --import tsx bench/blob-store.ts` (also run at the end of `npm run bench`): put and get
// throughput of the folder blob store and the S3 blob store, the latter against s3rver on 127.0.0.1
// in this process, measured in one run. Options: BENCH_BLOB_MB (the big file, default 128),
// BENCH_BLOB_SMALL (how many 4 KB blobs, default 2000).
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../src/evidence/blob-store.ts';
import { FolderBlobStore } from '../src/evidence/folder-blob-store.ts';
import { S3BlobStore } from '../src/evidence/s3-blob-store.ts';
import { startLocalS3 } from '../test/helpers/local-s3.ts';
import { tempDir } from '../test/helpers/temp-dir.ts';
import { withBlobsSection } from './blob-store-section.ts';

const here = import.meta.dirname;
const BIG_MB = Number(process.env.BENCH_BLOB_MB ?? 128);
const SMALL = Number(process.env.BENCH_BLOB_SMALL ?? 2000);
const log = (s: string) => process.stderr.write(`${s}\n`);

const dir = tempDir('vigil-bench-blobs-');
const big = join(dir.path, 'big.bin');
{
  const out = createWriteStream(big);
  for (let i = 0; i < BIG_MB; i++)
    if (!out.write(randomBytes(1024 * 1024))) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}
const small = Array.from({ length: SMALL }, () => randomBytes(4096));

interface Row {
  store: string;
  putFileMBs: number;
  readMBs: number;
  putPerS: number;
  getPerS: number;
  dedupeMBs: number;
}

async function measure(name: string, blobs: BlobStore): Promise<Row> {
  log(`${name}: putFile ${BIG_MB} MB`);
  let t = performance.now();
  const put = await blobs.putFile(big);
  const putFileMBs = BIG_MB / ((performance.now() - t) / 1000);
  log(`${name}: verified read`);
  t = performance.now();
  let bytes = 0;
  for await (const chunk of blobs.read(put.sha256)) bytes += chunk.length;
  if (bytes !== put.bytes) throw new Error(`${name}: read ${bytes} of ${put.bytes} bytes`);
  const readMBs = BIG_MB / ((performance.now() - t) / 1000);
  log(`${name}: putFile again (already stored)`);
  t = performance.now();
  if (!(await blobs.putFile(big)).existed) throw new Error(`${name}: second put stored again`);
  const dedupeMBs = BIG_MB / ((performance.now() - t) / 1000);
  log(`${name}: ${SMALL} × putBytes 4 KB`);
  t = performance.now();
  const shas: string[] = [];
  for (const b of small) shas.push((await blobs.putBytes(b)).sha256);
  const putPerS = SMALL / ((performance.now() - t) / 1000);
  log(`${name}: ${SMALL} × get`);
  t = performance.now();
  for (const sha of shas) await blobs.get(sha);
  const getPerS = SMALL / ((performance.now() - t) / 1000);
  return { store: name, putFileMBs, readMBs, putPerS, getPerS, dedupeMBs };
}

const folder = new FolderBlobStore(join(dir.path, 'blobs'));
const s3 = await startLocalS3('vigil-bench');
const bucket = new S3BlobStore({
  bucket: s3.bucket,
  endpoint: s3.endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
const rows: Row[] = [];
try {
  rows.push(await measure('folder', folder));
  rows.push(await measure('S3 (s3rver, same process)', bucket));
} finally {
  bucket.close();
  await s3.close();
  dir.remove();
}

const f1 = (n: number) => n.toFixed(1);
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const [a, b] = rows;
const section = `## Blob store: folder and S3

Measured by \`node --import tsx bench/blob-store.ts\` (also run by \`npm run bench\`) on
${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores (shared), Node ${process.version}.
One ${BIG_MB} MB file of random bytes and ${f0(SMALL)} blobs of 4 KB, into the folder store on the local disk
and into the S3 store against s3rver 3.7.1 on 127.0.0.1, running in the same process (JavaScript, on the
same cores, writing to the same disk): the S3 figures are a floor for a real S3 or MinIO, not a forecast.
Load average: ${os.loadavg()[0].toFixed(0)} while it ran.

| store | putFile MB/s | verified read MB/s | putFile of a stored file MB/s (hash only) | putBytes 4 KB /s | get 4 KB /s |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.store} | ${f1(r.putFileMBs)} | ${f1(r.readMBs)} | ${f1(r.dedupeMBs)} | ${f0(r.putPerS)} | ${f0(r.getPerS)} |`).join('\n')}
| S3 / folder | ${(b.putFileMBs / a.putFileMBs).toFixed(2)} | ${(b.readMBs / a.readMBs).toFixed(2)} | ${(b.dedupeMBs / a.dedupeMBs).toFixed(2)} | ${(b.putPerS / a.putPerS).toFixed(2)} | ${(b.getPerS / a.getPerS).toFixed(2)} |

The S3 store hashes a file before sending it (a stored file costs a local read and one HEAD), sends it to
a temporary key in 16 MiB parts and copies it to its final key; small blobs are one HEAD and one PUT each,
one at a time here (the pipeline stores them one at a time too).
`;
const resultsFile = join(here, 'RESULTS.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
writeFileSync(resultsFile, withBlobsSection(previous, section));
process.stdout.write(section);
