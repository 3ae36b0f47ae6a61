import type { Command } from 'commander';
import { placeKey } from '../../analysis/extract/place-key.ts';
import { UsageError } from '../../core/errors.ts';
import {
  CATEGORY_WORDS,
  INSTANT_WORDS,
  isCategoryName,
  isLanguageCode,
  LANGUAGE_WORDS,
  toInstant,
} from '../../core/query-params.ts';
import type { SearchQuery } from '../../store/contract.ts';
import { printJson, withContext } from '../context.ts';

function isoOrThrow(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const iso = toInstant(v);
  if (iso === undefined) throw new UsageError(`${flag}: ${INSTANT_WORDS}: ${v}`, v);
  return iso;
}

function checked(flag: string, v: string | undefined, ok: (v: string) => boolean, words: string) {
  if (v !== undefined && !ok(v)) throw new UsageError(`${flag}: ${words}: ${v}`, v);
  return v;
}

function urgencyOrThrow(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !(n >= 0 && n <= 1)) throw new UsageError(`--min-urgency: not a number from 0 to 1: ${v}`, v);
  return n;
}

function offsetOrThrow(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--offset: not a whole number of 0 or more: ${v}`, v);
  return n;
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
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit: not a positive integer: ${opts.limit}`, opts.limit);
      const q: SearchQuery = {
        text: words.join(' ') || undefined,
        platform: opts.platform,
        author: opts.author,
        since: isoOrThrow('--since', opts.since),
        until: isoOrThrow('--until', opts.until),
        lang: checked('--lang', opts.lang, isLanguageCode, LANGUAGE_WORDS),
        category: checked('--category', opts.category, isCategoryName, CATEGORY_WORDS),
        placeKey: opts.place ? placeKey(opts.place) : undefined,
        minUrgency: urgencyOrThrow(opts.minUrgency),
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
