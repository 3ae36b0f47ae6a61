// Runs one import in its own process so its peak RSS is its own. Prints a JSON line.
import { join } from 'node:path';
import { BlobStore } from '../src/evidence/blob-store.ts';
import { importPath } from '../src/pipeline/import.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';

const [corpus, dataDir, withStages] = process.argv.slice(2);
const store = await openVigilStore({ dataDir });
const blobs = new BlobStore(join(dataDir, 'blobs'));
const started = performance.now();
const summary = await importPath({ store, blobs }, corpus, withStages === 'stages' ? {} : { stages: [] });
const seconds = (performance.now() - started) / 1000;
// CPU of the main thread alone (the analysis workers' CPU is in the process's, not here): on a busy
// machine, where wall time says little, it shows what the critical path costs.
const main = process.threadCpuUsage();
const process_ = process.cpuUsage();
await store.close();
process.stdout.write(
  `${JSON.stringify({ read: summary.read, new: summary.new, rejected: summary.rejected, seconds, perSecond: summary.new / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, mainCpuSeconds: (main.user + main.system) / 1e6, cpuSeconds: (process_.user + process_.system) / 1e6, stageFailures: summary.stageFailures })}\n`,
);
