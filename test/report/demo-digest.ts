import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

/** Builds the demo scenario into a fresh data folder, as `vigil demo` does (its stdout swallowed). */
export async function demoDataDir(): Promise<string> {
  const data = await mkdtemp(path.join(tmpdir(), 'vigil-digest-'));
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await main(['demo', '--data', data, '--json']);
    if (code !== 0) throw new Error(`vigil demo exited ${code}`);
  } finally {
    process.stdout.write = write;
  }
  return data;
}
