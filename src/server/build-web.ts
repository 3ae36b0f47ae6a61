import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = resolve(fileURLToPath(new URL('../../web', import.meta.url)));

/** Newest modification time among the dashboard's sources (web/src, index.html, the Vite config). */
function newestSourceMtime(dir: string): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'public', 'index.html', 'vite.config.ts']) if (existsSync(join(dir, p))) visit(join(dir, p));
  return newest;
}

/** web/dist is missing, or older than a source file (after a pull or an edit, a stale dashboard would be served). */
export function webBuildIsStale(dir: string = WEB_DIR): boolean {
  const index = join(dir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  return newestSourceMtime(dir) > statSync(index).mtimeMs;
}

/** Build the dashboard with Vite (offline: everything comes from node_modules) unless web/dist is current. */
export async function ensureWebBuilt(opts: { force?: boolean; log?: (s: string) => void } = {}): Promise<string> {
  const dist = join(WEB_DIR, 'dist');
  if (!opts.force && !webBuildIsStale()) return dist;
  opts.log?.('building the dashboard (web/dist)…');
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return dist;
}
