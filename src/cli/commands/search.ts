import type { Command } from 'commander';
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
    .argument('[query...]', 'words; each matches as a prefix, Arabic normalized like the index')
    .option('--platform <name>')
    .option('--author <id|handle>')
    .option('--since <date>', 'ISO 8601 date or date-time')
    .option('--until <date>', 'ISO 8601 date or date-time (a bare date means its start)')
    .option('--lang <code>')
    .option('--category <name>', 'triage category')
    .option('--place <name>', 'a place mentioned (gazetteer name)')
    .option('--min-urgency <0..1>')
    .option('--rank', 'order by relevance (over the newest 1000 matches) instead of newest first')
    .option('--limit <n>', 'how many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print an array of {id, platform, author, postedAt, text, snippet}')
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
        place: opts.place,
        minUrgency: opts.minUrgency !== undefined ? Number(opts.minUrgency) : undefined,
        order: opts.rank ? 'relevance' : 'newest',
        limit,
        offset: Number(opts.offset) || 0,
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
      });
    });
}
