import { z } from 'zod';
import { placeKey } from '../../analysis/extract/place-key.ts';
import {
  CATEGORY_WORDS,
  INSTANT_WORDS,
  isCategoryName,
  isInstant,
  isLanguageCode,
  LANGUAGE_WORDS,
  toInstant,
} from '../../core/query-params.ts';
import type { SearchQuery } from '../../store/contract.ts';
import { audit } from '../audit.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';
import { enrichHits } from '../triage-view.ts';

const num = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();

/** The store's SearchQuery as query-string parameters (minus includeDeleted: sealed views are not searchable here). */
export const SearchParams = z.object({
  text: z.string().max(500).optional().describe('Free text; Arabic is normalized like the index'),
  q: z.string().max(500).optional().describe('Alias of text'),
  platform: z.string().max(40).optional(),
  author: z.string().max(200).optional().describe('Account id or handle, with or without @'),
  since: z.string().max(40).refine(isInstant, INSTANT_WORDS).optional().describe('ISO 8601, inclusive'),
  until: z.string().max(40).refine(isInstant, INSTANT_WORDS).optional().describe('ISO 8601, inclusive'),
  lang: z.string().max(35).refine(isLanguageCode, LANGUAGE_WORDS).optional().describe('ISO 639 / BCP 47, or und'),
  category: z.string().max(40).refine(isCategoryName, CATEGORY_WORDS).optional(),
  place: z.string().max(100).optional().describe('A place named in the post, or one inside it (Arabic or English)'),
  minUrgency: num(0, 1),
  order: z.enum(['newest', 'relevance']).optional(),
  limit: num(1, 500).describe(
    'Page size. With words it also decides the match mode for every page: whole words when they find at least this many, else prefixes, else partial words',
  ),
  offset: num(0, 1_000_000).describe('Skip this many hits; pages agree while limit stays the same. Prefer after'),
  after: z
    .string()
    .max(500)
    .optional()
    .describe(
      'The next page: a `next` from the previous response (same search). Keeps the match mode and position, so no hit repeats or is skipped. Not with offset',
    ),
});
export type SearchParams = z.infer<typeof SearchParams>;

export const SearchHitBody = z.object({
  id: z.string(),
  platform: z.string(),
  author: z.object({ id: z.string(), handle: z.string().optional(), displayName: z.string().optional() }),
  postedAt: z.string(),
  text: z.string(),
  lang: z.string().optional(),
  snippet: z
    .string()
    .describe(
      'Text around the matches, matches wrapped in [[ ]] (ambiguous when the text has brackets: prefer excerpt + marks)',
    ),
  excerpt: z.string().describe('The same text around the matches, unmarked'),
  marks: z
    .array(z.object({ start: z.number().int(), end: z.number().int() }))
    .describe('Where the matching words are in `excerpt`: UTF-16 offsets, end exclusive, in order'),
  score: z.number().optional(),
  category: z.string().optional(),
  categorySource: z.enum(['person', 'model', 'keywords']).optional(),
  confidence: z.number().optional(),
  media: z.array(
    z.object({
      sha256: z.string().optional(),
      mime: z.string().optional(),
      graphic: z.boolean().optional(),
      originalName: z.string().optional(),
    }),
  ),
});

/** The store's query: `q` is `text`, and the place a person typed is resolved to its gazetteer key here. */
export function toSearchQuery(p: SearchParams): SearchQuery {
  const { q, place, since, until, ...rest } = p;
  const query: SearchQuery = {
    ...rest,
    text: rest.text ?? q,
    since: since === undefined ? undefined : toInstant(since),
    until: until === undefined ? undefined : toInstant(until),
    placeKey: place?.trim() ? placeKey(place) : undefined,
  };
  for (const k of Object.keys(query) as (keyof SearchQuery)[])
    if (query[k] === undefined || query[k] === '') delete query[k];
  return query;
}

export async function searchRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/search',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['messages'],
        summary: 'Full-text search and filtered listing (newest first unless order=relevance)',
        querystring: SearchParams,
        response: {
          200: z.object({
            hits: z.array(SearchHitBody),
            query: z.record(z.string(), z.unknown()),
            next: z
              .string()
              .optional()
              .describe('Pass as `after` for the next page; absent when this page was not full'),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const query = toSearchQuery(req.query);
      const limit = query.limit ?? 50;
      const found = await ctx.store.search({ ...query, limit });
      const hits = await enrichHits(ctx, found);
      const next = found.length === limit ? found.at(-1)?.cursor : undefined;
      return { hits, query: query as Record<string, unknown>, next };
    },
  );

  app.get(
    '/api/export/messages.jsonl',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['messages'],
        summary: 'Export the messages matching a search as JSONL (audited)',
        querystring: SearchParams,
        produces: ['application/x-ndjson'],
      },
    },
    async (req, reply) => {
      const query = toSearchQuery(req.query);
      const hits = await ctx.store.search({ limit: 500, ...query });
      await audit(ctx, principalOf(req).username, 'audit.export', { what: 'messages', query, count: hits.length });
      const lines: string[] = [];
      for (const h of hits) {
        const m = await ctx.store.getMessage(h.id);
        if (m && !m.deleted) lines.push(JSON.stringify(m));
      }
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="vigil-messages.jsonl"');
      return lines.join('\n') + (lines.length ? '\n' : '');
    },
  );
}
