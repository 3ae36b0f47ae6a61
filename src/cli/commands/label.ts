import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CATEGORIES, Category } from '../../analysis/taxonomy.ts';
import { LABEL_CONFIRMED, type LabelConfirmedPayload } from '../../core/analysis-events.ts';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { confirmationsJsonl, getMessageTriage } from '../../store/queries/analysis.ts';
import { printJson, withContext } from '../context.ts';

export function registerLabel(program: Command): void {
  program
    .command('label')
    .description("confirm or correct a message's category (a label.confirmed ledger event; it outranks the model)")
    .argument('[id]', 'message id (or a unique prefix of 6+ hex digits)')
    .argument('[category]', CATEGORIES.join(' | '))
    .option('--by <name>', 'who decided (default: $VIGIL_USER or $USER)')
    .option('--note <text>', 'why')
    .option(
      '--export <file>',
      'instead: write every confirmed label as JSONL {text, category} for npm run train -- --confirmations <file>',
    )
    .option('--json', 'print the event as JSON')
    .action(async (id: string | undefined, category: string | undefined, opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (opts.export) {
          const jsonl = await confirmationsJsonl(ctx.store.db);
          writeFileSync(opts.export, jsonl);
          process.stderr.write(
            `wrote ${jsonl ? jsonl.trimEnd().split('\n').length : 0} confirmations to ${opts.export}\n`,
          );
          return;
        }
        if (!id || !category) throw new UsageError('usage: vigil label <id> <category>');
        const parsed = Category.safeParse(category);
        if (!parsed.success)
          throw new UsageError(`not a category: ${category} (one of ${CATEGORIES.join(', ')})`, category);
        const m = await ctx.store.getMessage(id);
        if (!m) throw new NotFoundError(`no message ${id}`, id);
        const before = await getMessageTriage(ctx.store.db, m.id);
        const payload: LabelConfirmedPayload = {
          messageId: m.id,
          category: parsed.data,
          ...(before.category ? { previous: Category.parse(before.category) } : {}),
          ...(opts.note ? { note: opts.note } : {}),
        };
        const [e] = await ctx.store.append([
          {
            kind: LABEL_CONFIRMED,
            at: new Date().toISOString(),
            actor: opts.by ?? process.env.VIGIL_USER ?? process.env.USER ?? 'cli',
            payload,
          },
        ]);
        if (opts.json) printJson(e);
        else
          process.stdout.write(
            `${m.id.slice(0, 16)}  ${before.category ?? '(not analyzed)'} -> ${parsed.data}  (ledger seq ${e.seq})\n`,
          );
      });
    });
}
