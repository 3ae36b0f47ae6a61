import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { looksLikeApiPath } from './auth/api-path.ts';
import { grantAccess } from './auth/route-access.ts';
import type { App } from './context.ts';

export const DEFAULT_WEB_ROOT = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/** The built dashboard: files from web/dist, and index.html for every other page path. */
export async function serveWeb(app: App, root: string) {
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(async (shell) => {
      grantAccess(shell, 'public', { shell: true });
      await shell.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: false,
        index: ['index.html'],
        cacheControl: false,
        setHeaders(res, path) {
          res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (looksLikeApiPath(req.url) || req.method !== 'GET') {
      return reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
    }
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The dashboard is not built. Run `npm run build:web` (vigil serve builds it when it is missing).');
    }
    // Read here rather than through sendFile: @fastify/static decorates only the shell's own scope.
    const html = await readFile(join(root, 'index.html'));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
