import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...opts.env }, cwd: opts.cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.on('error', () => {});
    p.stdin.end(opts.input ?? '');
  });
}

/** The vigil command on SQLite, with its own key folder. */
export function vigil(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return run(process.execPath, [VIGIL, ...args], { env: { VIGIL_DATABASE_URL: '', ...env }, input });
}

export function verifyPy(bag: string, ...args: string[]): Promise<Run> {
  return run('python3', [join(bag, 'verify.py'), bag, ...args]);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const hex = (alg: string, b: Buffer | string) => createHash(alg).update(b).digest('hex');

/** What a forger would do after editing the payload: make every manifest, the Oxum and the tag manifest agree again. */
export function rewriteManifests(bag: string): void {
  const payload = files(join(bag, 'data'))
    .map((p) => relative(bag, p))
    .sort();
  let octets = 0;
  for (const alg of ['sha256', 'sha512']) {
    const lines = payload.map((p) => {
      const b = readFileSync(join(bag, p));
      if (alg === 'sha256') octets += b.length;
      return `${hex(alg, b)}  ${p}\n`;
    });
    writeFileSync(join(bag, `manifest-${alg}.txt`), lines.join(''));
  }
  const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8').replace(
    /Payload-Oxum: .*/,
    `Payload-Oxum: ${octets}.${payload.length}`,
  );
  writeFileSync(join(bag, 'bag-info.txt'), info);
  const tags = readdirSync(bag)
    .filter((n) => n !== 'data' && n !== 'tagmanifest-sha256.txt')
    .sort();
  writeFileSync(
    join(bag, 'tagmanifest-sha256.txt'),
    tags.map((n) => `${hex('sha256', readFileSync(join(bag, n)))}  ${n}\n`).join(''),
  );
}
