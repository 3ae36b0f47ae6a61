import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { buildDigest } from '../../report/build-digest.ts';
import { recordDigest } from '../../report/record.ts';
import { DIGEST_FORMATS, type DigestFormat, renderDigest } from '../../report/render.ts';
import { TranslationCache, translatorFromEnv } from '../../report/translate.ts';
import { digestOptions } from '../../report/window.ts';
import { withContext } from '../context.ts';

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description(
      'a sourced digest of a window: the watchlist, farewells, pleas, casualty figures, places, evacuations; every line quoted with its post',
    )
    .requiredOption('--since <time>', 'start: a date (2016-12-12, UTC) or a time with its offset')
    .requiredOption('--until <time>', 'end, inclusive: a date (the whole day, UTC) or a time with its offset')
    .option('--place <place>', 'only posts naming this place (Arabic or English) or a place inside it')
    .option('--people <who>', 'watchlist: only posts by watched people; all: everyone', 'all')
    .option('--lang <lang>', 'the digest language: en or ar (quotes stay in their own)', 'en')
    .option('--format <format>', 'md, html, pdf or json', 'md')
    .option('--out <file>', 'write to this file instead of standard output (PDF needs it on a terminal)')
    .option('--by <name>', 'who made it, for the ledger (default: $VIGIL_USER or $USER)')
    .addHelpText(
      'after',
      '\nWith VIGIL_TRANSLATE_URL set to a LibreTranslate server, quotes in the other language get a machine\ntranslation beneath them (cached in DATA/cache/translations.jsonl). Without it nothing is sent anywhere.\nEvery digest is recorded as a digest.created ledger event with its hash.',
    )
    .action(async (opts, cmd: Command) => {
      const options = digestOptions(opts);
      const format = opts.format as DigestFormat;
      if (!DIGEST_FORMATS.includes(format))
        throw new UsageError(`--format: expected ${DIGEST_FORMATS.join(', ')}, got "${opts.format}"`, opts.format);
      if (format === 'pdf' && !opts.out && process.stdout.isTTY)
        throw new UsageError('--format pdf writes binary: give --out FILE or redirect standard output');
      await withContext(cmd, async (ctx) => {
        const translator = translatorFromEnv();
        const digest = await buildDigest(ctx.store, options, {
          ...(translator
            ? { translator, cache: new TranslationCache(join(ctx.dataDir, 'cache', 'translations.jsonl')) }
            : {}),
        });
        const bytes = await renderDigest(digest, format);
        const event = await recordDigest(
          ctx.store,
          digest,
          format,
          bytes,
          opts.by ?? process.env.VIGIL_USER ?? process.env.USER ?? 'cli',
        );
        if (opts.out) await writeFile(opts.out, bytes);
        else process.stdout.write(bytes);
        const failed = digest.translation?.failed ? `; ${digest.translation.failed} translation(s) failed` : '';
        process.stderr.write(
          `digest: ${digest.totals.quoted} posts quoted from ${digest.totals.messages} messages; digest.created at ledger seq ${event.seq}${opts.out ? `; written to ${opts.out}` : ''}${failed}\n`,
        );
      });
    });
}
