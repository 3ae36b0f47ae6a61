// `node --import tsx bench/export-bag.ts` (also run at the end of `npm run bench`): `vigil export` of
// 100,000 messages with their originals into a BagIt bag, its size, and how long verify.py takes on it.
// Options: BENCH_EXPORT_MESSAGES (default 100,000), BENCH_EXPORT_FILES (originals, default 100),
// BENCH_KEEP=1 to keep the data folder and the bag.
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { writeEvidenceBag } from '../src/evidence/export/evidence-bag.ts';
import { selectMessages } from '../src/evidence/export/selection.ts';
import { initKey } from '../src/evidence/keys.ts';
import { importPath } from '../src/pipeline/import.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { withExportSection } from './export-section.ts';
import { generateCorpus } from './generate-corpus.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_EXPORT_MESSAGES ?? 100_000);
const FILES = Number(process.env.BENCH_EXPORT_FILES ?? 100);
const work = join(here, 'corpus');
const log = (s: string) => process.stderr.write(`${s}\n`);
mkdirSync(work, { recursive: true });

const corpus = join(work, `messages-${N}.jsonl`);
if (!existsSync(corpus)) {
  log(`generating ${N} messages`);
  await generateCorpus(corpus, N, 2016);
}
// The originals: the corpus cut into FILES export files, as if handed over day by day.
const split = join(work, `export-split-${N}-${FILES}`);
if (!existsSync(split)) {
  mkdirSync(split);
  const per = Math.ceil(N / FILES);
  let i = 0;
  let out: ReturnType<typeof createWriteStream> | undefined;
  for await (const line of createInterface({ input: createReadStream(corpus) })) {
    if (i % per === 0) {
      out?.end();
      out = createWriteStream(join(split, `part-${String(i / per).padStart(4, '0')}.jsonl`));
    }
    out!.write(`${line}\n`);
    i++;
  }
  out?.end();
  await new Promise((r) => setTimeout(r, 200));
}

const dataDir = join(work, 'data-export');
const keyDir = join(work, 'keys-export');
const bag = join(work, 'bag-export');
for (const d of [dataDir, keyDir, bag]) rmSync(d, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const store = await openVigilStore({ dataDir });
const blobs = new BlobStore(join(dataDir, 'blobs'));
log(`importing ${N} messages from ${FILES} files (capture only)`);
for (const f of readdirSync(split).sort()) await importPath({ store, blobs }, join(split, f), { stages: [] });
const key = await initKey({ dir: keyDir, name: 'bench.example/vigil' });

log('export');
const t0 = performance.now();
const selected = await selectMessages(store, { includeDeleted: false });
const t1 = performance.now();
const summary = await writeEvidenceBag({
  store,
  blobs,
  selected,
  out: bag,
  includeDeleted: false,
  actor: 'bench',
  organization: 'bench',
  vigilVersion: 'bench',
  signingKey: async () => key,
});
const t2 = performance.now();
await store.close();
const rss = process.resourceUsage().maxRSS / 1024;
const bytes = Number(spawnSync('du', ['-sb', bag], { encoding: 'utf8' }).stdout.split('\t')[0]);
const payload = Number(summary.payloadOxum.split('.')[0]);

log('verify.py');
const t3 = performance.now();
const v = spawnSync('python3', [join(bag, 'verify.py'), bag, '--key', key.verifierKey], {
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
const t4 = performance.now();
if (v.status !== 0) throw new Error(`verify.py failed on the bench bag:\n${v.stdout.slice(-2000)}`);
const py = spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim();

const s = (ms: number) => (ms / 1000).toFixed(1);
const mb = (b: number) => (b / 1e6).toFixed(1);
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const section = `## Evidence export (${f0(summary.messages)} messages)

Measured by \`node --import tsx bench/export-bag.ts\` (also the last step of \`npm run bench\`) on
${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores (shared), Node ${process.version},
${py}, SQLite. ${f0(summary.messages)} generated messages captured (no analysis stage) from ${FILES} JSONL export
files, exported as one BagIt bag with every original, each ledger event about them and its Merkle inclusion
proof to a checkpoint signed for the export. Load average: ${os.loadavg()[0].toFixed(0)} while it ran.

| measure | result |
|---|---|
| selection (search paging over every message) | ${s(t1 - t0)} s |
| bag written (versions, ${f0(summary.ledgerEvents)} ledger events, tree over the whole ledger, proofs, ${f0(summary.originals)} originals copied and hashed twice) | ${s(t2 - t1)} s |
| whole export | ${s(t2 - t0)} s, ${f0(summary.messages / ((t2 - t0) / 1000))} messages/s; peak RSS of the bench process, import included, ${f0(rss)} MB |
| bag size on disk | ${mb(bytes)} MB (payload ${mb(payload)} MB in ${f0(Number(summary.payloadOxum.split('.')[1]))} files) |
| verify.py (manifests, SHA-256 + SHA-512 of every file, Ed25519, every event hash and inclusion proof) | ${s(t4 - t3)} s |
`;
const resultsFile = join(here, 'RESULTS.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
writeFileSync(resultsFile, withExportSection(previous, section));
process.stdout.write(section);
if (!process.env.BENCH_KEEP) for (const d of [dataDir, keyDir, bag]) rmSync(d, { recursive: true, force: true });
