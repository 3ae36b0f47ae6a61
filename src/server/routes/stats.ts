import { z } from 'zod';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';
import { messagesPerHour } from '../stats/per-hour.ts';
import { casualtyFigures, placeCounts } from '../stats/triage-stats.ts';

export async function statsRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/stats',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['stats'],
        summary: 'Counts; messages per hour by category; casualty figures with their sources; places mentioned',
        querystring: z.object({
          hours: z.coerce
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .optional(),
        }),
        response: {
          200: z.object({
            messages: z.number(),
            authors: z.number(),
            ledgerEvents: z.number(),
            byPlatform: z.record(z.string(), z.number()),
            byLanguage: z.record(z.string(), z.number()),
            firstPostedAt: z.string().optional(),
            lastPostedAt: z.string().optional(),
            perHour: z.object({
              hours: z.array(z.string()).describe('UTC hour starts'),
              series: z.record(z.string(), z.array(z.number())).describe('category (or "all") to counts per hour'),
            }),
            casualties: z.array(
              z.object({
                messageId: z.string(),
                postedAt: z.string(),
                kind: z.string(),
                count: z.number(),
                group: z.string().optional(),
                source: z.string(),
              }),
            ),
            places: z.array(z.object({ name: z.string(), lat: z.number(), lon: z.number(), count: z.number() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const stats = await ctx.store.stats();
      return {
        ...stats,
        perHour: await messagesPerHour(ctx, req.query.hours ?? 24 * 7),
        casualties: await casualtyFigures(ctx),
        places: await placeCounts(ctx),
      };
    },
  );
}
