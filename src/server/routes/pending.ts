import { z } from 'zod';
import type { App } from '../context.ts';
import { errors } from '../schemas.ts';

/**
 * Routes whose contract is fixed but whose domain module (src/watch, src/analysis) is not in this
 * build yet: they answer 501 with what is missing, never invented data.
 */
export interface PendingRoute {
  method: 'GET' | 'POST';
  url: string;
  tag: string;
  summary: string;
  access?: 'viewer' | 'analyst' | 'admin';
  params?: z.ZodObject;
  body?: z.ZodType;
  missing: string;
}

export function registerPending(app: App, routes: PendingRoute[]) {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      config: { access: r.access ?? 'viewer' },
      schema: {
        tags: [r.tag],
        summary: `${r.summary} (501 until ${r.missing} is available)`,
        ...(r.params ? { params: r.params } : {}),
        ...(r.body ? { body: r.body } : {}),
        response: { ...errors, 501: errors[400] },
      },
      handler: async (_req, reply) =>
        reply.code(501).send({ error: 'not_implemented', message: `${r.missing} is not part of this build yet` }),
    });
  }
}

export const PersonId = z.object({ id: z.string().min(1).max(64) });
export const AlertId = z.object({ id: z.string().min(1).max(128) });
