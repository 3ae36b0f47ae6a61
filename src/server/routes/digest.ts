import { join } from 'node:path';
import { z } from 'zod';
import { buildDigest } from '../../report/build-digest.ts';
import { PdfError } from '../../report/pdf.ts';
import { recordDigest } from '../../report/record.ts';
import { DIGEST_FORMATS, digestFileName, MIME, renderDigest } from '../../report/render.ts';
import { TranslationCache, translatorFromEnv } from '../../report/translate.ts';
import { digestOptions } from '../../report/window.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

/**
 * POST, not GET: every digest is a `digest.created` ledger event, and it names the watchlist, so it is an
 * analyst's export (like the other exports), made with the session's CSRF token.
 */
export async function digestRoutes(app: App, ctx: ServerContext) {
  app.post(
    '/api/digest',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['digest'],
        summary:
          'A sourced digest of a window (Markdown, HTML, PDF or JSON); recorded as a digest.created ledger event whose seq and hash come back in X-Vigil-Digest-Seq and X-Vigil-Digest-Hash',
        body: z.object({
          since: z.string().min(1).describe('a date (2016-12-12, UTC) or an ISO 8601 time with its offset'),
          until: z.string().min(1).describe('inclusive; a date covers the whole day (UTC)'),
          place: z.string().max(200).optional(),
          people: z.enum(['watchlist', 'all']).default('all'),
          lang: z.enum(['en', 'ar']).default('en'),
          format: z.enum(DIGEST_FORMATS).default('json'),
        }),
        response: { ...errors, 503: z.object({ error: z.string(), message: z.string() }) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const options = digestOptions(req.body);
      const translator = translatorFromEnv();
      const digest = await buildDigest(ctx.store, options, {
        now: ctx.now,
        ...(translator
          ? {
              translator,
              ...(ctx.dataDir ? { cache: new TranslationCache(join(ctx.dataDir, 'cache', 'translations.jsonl')) } : {}),
            }
          : {}),
      });
      let bytes: Buffer;
      try {
        bytes = await renderDigest(digest, req.body.format);
      } catch (e) {
        if (e instanceof PdfError) return reply.code(503).send({ error: 'pdf_unavailable', message: e.message });
        throw e;
      }
      const event = await recordDigest(ctx.store, digest, req.body.format, bytes, p.username);
      void ctx.waker.poke();
      return reply
        .header('content-type', MIME[req.body.format])
        .header('content-disposition', `attachment; filename="${digestFileName(digest, req.body.format)}"`)
        .header('x-vigil-digest-seq', String(event.seq))
        .header('x-vigil-digest-hash', (event.payload as { hash: string }).hash)
        .send(bytes as never);
    },
  );
}
