import type { Command } from 'commander';
import { placeKey } from '../../analysis/extract/place-key.ts';
import { UsageError } from '../../core/errors.ts';
import type { SearchQuery } from '../../store/contract.ts';
import { printJson, withContext } from '../context.ts';

function isoOrThrow(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag}: not a date: ${v}`, v);
  return d.toISOString();
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search in Arabic and English; with no query, list messages newest first')
    .argument('[query...]', 'words, all must match: whole words, else prefixes, else partial words; Arabic normalized')
    .option('--platform <name>')
    .option('--author <id|handle>')
    .option('--since <date>', 'ISO 8601 date or date-time')
    .option('--until <date>', 'ISO 8601 date or date-time (a bare date means its start)')
    .option('--lang <code>')
    .option('--category <name>', 'triage category')
    .option('--place <name>', 'a place mentioned, or one inside it (Arabic or English gazetteer name)')
    .option('--min-urgency <0..1>')
    .option('--rank', 'order by relevance (over the newest 1000 matches) instead of newest first')
    .option('--limit <n>', 'how many (with words, also how many whole-word hits are enough to skip prefixes)', '20')
    .option('--offset <n>', 'skip this many (pages agree while --limit stays the same)', '0')
    .option('--after <cursor>', 'the next page: continue after the hit with this cursor (printed after a full page)')
    .option('--json', 'print an array of {id, platform, author, postedAt, text, snippet, cursor}')
    .action(async (words: string[], opts, cmd: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: not a positive integer: ${opts.limit}`);
      const q: SearchQuery = {
        text: words.join(' ') || undefined,
        platform: opts.platform,
        author: opts.author,
        since: isoOrThrow('--since', opts.since),
        until: isoOrThrow('--until', opts.until),
        lang: opts.lang,
        category: opts.category,
        placeKey: opts.place ? placeKey(opts.place) : undefined,
        minUrgency: opts.minUrgency !== undefined ? Number(opts.minUrgency) : undefined,
        order: opts.rank ? 'relevance' : 'newest',
        limit,
        offset: Number(opts.offset) || 0,
        after: opts.after,
      };
      await withContext(cmd, async (ctx) => {
        const hits = await ctx.store.search(q);
        if (opts.json) {
          printJson(
            hits.map((h) => ({
              id: h.id,
              platform: h.platform,
              author: h.author,
              postedAt: h.postedAt,
              lang: h.lang,
              text: h.text,
              snippet: h.snippet,
              ...(h.score !== undefined && opts.rank ? { score: h.score } : {}),
              cursor: h.cursor,
            })),
          );
          return;
        }
        if (hits.length === 0) process.stdout.write('No messages match.\n');
        for (const h of hits) {
          const who = h.author.handle ? `@${h.author.handle}` : h.author.id;
          process.stdout.write(
            `${h.id.slice(0, 16)}  ${h.postedAt}  ${h.platform}  ${who}\n    ${h.snippet.replace(/\n/g, ' ')}\n`,
          );
        }
        const last = hits.at(-1);
        if (last && hits.length === limit) process.stderr.write(`next page: --after ${last.cursor}\n`);
      });
    });
}
