import { z } from 'zod';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

export const INGEST_CONTENT_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'text/plain',
];

export async function ingestRoutes(app: App, ctx: ServerContext) {
  app.addContentTypeParser(
    INGEST_CONTENT_TYPES,
    { parseAs: 'string', bodyLimit: 32 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/api/ingest',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['ingest'],
        summary:
          'Append messages: JSONL, one object per line: platform, id, author, postedAt (ISO 8601 with offset), text, and optionally url, lang, media',
        consumes: INGEST_CONTENT_TYPES,
        body: z.string().max(32 * 1024 * 1024),
        response: {
          200: z.object({
            read: z.number(),
            new: z.number(),
            unchanged: z.number(),
            edited: z.number(),
            rejected: z.number(),
            rejections: z.array(z.object({ file: z.string(), place: z.string(), reason: z.string() })),
            rejectionsByReason: z.record(z.string(), z.number()),
            durationMs: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const result = await ctx.ingest(req.body, principalOf(req).username);
      void ctx.waker.poke();
      return result;
    },
  );
}
