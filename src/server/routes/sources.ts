import { z } from 'zod';
import { sourceReport } from '../../pipeline/collect/source-report.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

const Row = z.record(z.string(), z.unknown());

/**
 * Health of live collection for the dashboard's Sources page. Person names are left out: whom an
 * account belongs to is watchlist data, read on the watchlist pages (with their audit), not here.
 */
export async function sourceRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/sources',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['watch'],
        summary: 'Live collection health: per platform, per followed account, and per stream (Jetstream)',
        response: {
          200: z.object({ platforms: z.array(Row), follows: z.array(Row), streams: z.array(Row) }),
          ...errors,
        },
      },
    },
    async () => {
      const r = await sourceReport(ctx.store, ctx.now());
      const strip = <T extends { person?: { id: string; name: string } }>(f: T) => {
        const { person, ...rest } = f;
        return person ? { ...rest, personId: person.id } : rest;
      };
      const rows = (xs: object[]) => xs as Record<string, unknown>[];
      return { platforms: rows(r.platforms), follows: rows(r.follows.map(strip)), streams: rows(r.streams.map(strip)) };
    },
  );
}
