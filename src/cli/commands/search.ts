import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import type { SearchQuery } from '../../store/contract.ts';
import { printJson, withContext } from '../context.ts';
import { addSearchFilterOptions, searchFilters } from '../search-options.ts';

function offsetOrThrow(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--offset: not a whole number of 0 or more: ${v}`, v);
  return n;
}

export function registerSearch(program: Command): void {
  addSearchFilterOptions(
    program
      .command('search')
      .description('full-text search in Arabic and English; with no query, list messages newest first')
      .argument(
        '[query...]',
        'words, all must match: whole words, else prefixes, else partial words; Arabic normalized',
      ),
  )
    .option('--rank', 'order by relevance (over the newest 1000 matches) instead of newest first')
    .option('--limit <n>', 'how many (with words, also how many whole-word hits are enough to skip prefixes)', '20')
    .option('--offset <n>', 'skip this many (pages agree while --limit stays the same)', '0')
    .option('--after <cursor>', 'the next page: continue after the hit with this cursor (printed after a full page)')
    .option('--json', 'print an array of {id, platform, author, postedAt, text, snippet, cursor}')
    .action(async (words: string[], opts, cmd: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit: not a positive integer: ${opts.limit}`, opts.limit);
      const q: SearchQuery = {
        ...searchFilters(words, opts),
        order: opts.rank ? 'relevance' : 'newest',
        limit,
        offset: offsetOrThrow(opts.offset),
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
