import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { MESSAGE_DELETION_MARKED, type MessageDeletionMarkedPayload } from '../../core/events.ts';
import { withContext } from '../context.ts';
import { requireRole } from '../operator.ts';
import { cliActor } from './users.ts';

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description(
      'mark a post as deleted by its author: it leaves search, the dashboard, digests and exports; the sealed copy stays',
    )
    .argument('<id>', 'message id (or a unique prefix of 6+ hex digits)')
    .requiredOption('--reason <text>', 'why: e.g. "gone from the platform on 2016-12-20", "the author asked"')
    .option('--as <user>', 'the user of this folder acting (an analyst or admin)')
    .action(async (id: string, opts, cmd: Command) => {
      if (!opts.reason.trim()) throw new UsageError('--reason: say why');
      await withContext(cmd, async (ctx) => {
        const actor = opts.as ? await requireRole(ctx, opts.as, 'analyst', 'marking a deletion') : cliActor();
        const m = await ctx.store.getMessage(id);
        if (!m) throw new NotFoundError(`no message ${id}`, id);
        if (m.deleted) {
          process.stdout.write(`${m.id.slice(0, 16)} is already marked deleted.\n`);
          return;
        }
        const payload: MessageDeletionMarkedPayload = { messageId: m.id, reason: opts.reason.trim() };
        const [e] = await ctx.store.append([
          { kind: MESSAGE_DELETION_MARKED, at: new Date().toISOString(), actor, payload },
        ]);
        process.stdout.write(
          `${m.id.slice(0, 16)} marked deleted (seq ${e.seq}): hidden from working views and exports; the sealed copy stays.\n`,
        );
      });
    });
}
