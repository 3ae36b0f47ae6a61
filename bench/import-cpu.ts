// Like bench/import-child.ts, but for the src of another checkout ROOT (to compare two trees on the same
// corpus): prints the wall time, the process CPU and the main thread's CPU (/proc/self/task/PID/stat, Linux).
// Usage: node --import tsx bench/import-cpu.ts ROOT CORPUS DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, corpus, dataDir] = process.argv.slice(2);
const { BlobStore } = await import(join(root, 'src/evidence/blob-store.ts'));
const { importPath } = await import(join(root, 'src/pipeline/import.ts'));
const { openVigilStore } = await import(join(root, 'src/pipeline/open-vigil-store.ts'));
const ticks = () => {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const store = await openVigilStore({ dataDir });
const blobs = new BlobStore(join(dataDir, 'blobs'));
const c0 = process.cpuUsage();
const m0 = ticks();
const t0 = performance.now();
const s = await importPath({ store, blobs }, corpus, { stages: [] });
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
const main = ticks() - m0;
await store.close();
console.log(
  JSON.stringify({
    n: s.new,
    wall: +wall.toFixed(2),
    perSecond: Math.round(s.new / wall),
    cpu: +((c.user + c.system) / 1e6).toFixed(2),
    mainThreadCpu: +main.toFixed(2),
  }),
);
