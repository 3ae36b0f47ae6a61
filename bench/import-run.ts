// Spawns one of the import children (import-child.ts, import-child-pg.ts) and reads its JSON line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface ImportResult {
  read: number;
  new: number;
  rejected: number;
  seconds: number;
  perSecond: number;
  maxRssMb: number;
  stageFailures: Record<string, number>;
  /** From spawning the child to its exit: start-up, opening the store, the import, closing it. */
  wholeSeconds: number;
}

/** Runs `bench/<script>` with `args` in its own Node process, so its peak RSS is the import's own. */
export async function runImportChild(script: string, args: string[]): Promise<ImportResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  const [code, signal] = await once(child, 'close');
  if (code !== 0) throw new Error(`${script} failed (${code ?? signal}): ${stderr}`);
  return { ...JSON.parse(stdout.trim().split('\n').pop()!), wholeSeconds: (performance.now() - started) / 1000 };
}
