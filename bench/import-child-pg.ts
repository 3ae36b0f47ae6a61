// The PostgreSQL twin of import-child.ts: one import into the team store, in its own process so its
// peak RSS is its own (the PostgreSQL server's memory is not counted). Prints a JSON line.
// Arguments: corpus file, data folder (for the blob store), database URL, 'stages' or 'none'.
import { join } from 'node:path';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { importPath } from '../src/pipeline/import.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';

const [corpus, dataDir, url, withStages] = process.argv.slice(2);
const store = await openVigilStore({ dataDir, databaseUrl: url });
const blobs = new BlobStore(join(dataDir, 'blobs'));
const started = performance.now();
const summary = await importPath({ store, blobs }, corpus, withStages === 'stages' ? {} : { stages: [] });
const seconds = (performance.now() - started) / 1000;
await store.close();
process.stdout.write(
  `${JSON.stringify({ read: summary.read, new: summary.new, rejected: summary.rejected, seconds, perSecond: summary.new / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, stageFailures: summary.stageFailures })}\n`,
);
