import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The version in an npm package's package.json, or "unknown" when it is not installed. */
export function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (pkg.name === name) return String(pkg.version);
      } catch {}
      dir = dirname(dir);
    }
  } catch {}
  return 'unknown';
}

/** The first line a program prints for `args`, or undefined when it is not installed (or fails). */
export function programVersion(bin: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 15_000 }, (err, stdout) => {
      if (err) return resolve(undefined);
      resolve(stdout.split('\n')[0].trim() || undefined);
    });
  });
}

export const VIGIL_VERSION = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
})();
