import { Readable } from 'node:stream';
import { z } from 'zod';
import { BlobMissingError } from '../../core/errors.ts';
import { audit } from '../audit.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

// Only these are ever shown inline; anything else (HTML, SVG, JSON exports) downloads as octet-stream.
const INLINE = /^(image\/(png|jpeg|gif|webp|avif)|video\/(mp4|webm|ogg)|audio\/(mpeg|ogg|mp4|wav|webm))$/;

export async function blobRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/blobs/:sha256',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['evidence'],
        summary: 'The sealed original bytes (export file, media). Every view is an audit event.',
        params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        querystring: z.object({ download: z.coerce.boolean().optional() }),
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const { sha256 } = req.params;
      const meta = await ctx.store.db.selectFrom('blobs').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      try {
        // Checked whole before the first byte goes out (a changed original is a 409, never a download),
        // then streamed: a video of a gigabyte never sits in memory. The stream is checked again as it
        // passes; a blob changed in between ends the response early.
        await ctx.blobs.verify(sha256);
      } catch (err) {
        if (err instanceof BlobMissingError)
          return reply.code(404).send({ error: 'not_found', message: `no blob ${sha256}` });
        throw err;
      }
      const user = principalOf(req).username;
      const mime = meta?.mime ?? '';
      const inline = INLINE.test(mime) && !req.query.download;
      await audit(ctx, user, 'audit.original_viewed', {
        sha256,
        name: meta?.name ?? undefined,
        download: inline ? undefined : true,
      });
      reply.header('content-type', inline ? mime : 'application/octet-stream');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      reply.header('cache-control', 'private, no-store');
      const name = (meta?.name ?? sha256).replace(/[^\w.-]+/g, '_');
      reply.header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${name}"`);
      return reply.send(Readable.from(ctx.blobs.read(sha256)) as never);
    },
  );
}
