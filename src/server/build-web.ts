import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = resolve(fileURLToPath(new URL('../../web', import.meta.url)));

/** Build the dashboard with Vite (offline: everything comes from node_modules) unless web/dist exists. */
export async function ensureWebBuilt(opts: { force?: boolean; log?: (s: string) => void } = {}): Promise<string> {
  const dist = join(WEB_DIR, 'dist');
  if (!opts.force && existsSync(join(dist, 'index.html'))) return dist;
  opts.log?.('building the dashboard (web/dist)…');
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return dist;
}
