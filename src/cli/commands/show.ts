import type { Command } from 'commander';
import { NotFoundError } from '../../core/errors.ts';
import type { StoredMessage } from '../../store/contract.ts';
import { messageVersionHistory } from '../../store/queries/message-versions.ts';
import { auditCli } from '../audit.ts';
import { printJson, withContext } from '../context.ts';
import { requireRole } from '../operator.ts';

/** Extra sections other domains add to `vigil show` (triage results, ...). */
export type ShowSection = (
  message: StoredMessage,
  ctx: import('../context.ts').CliContext,
) => Promise<{ title: string; json: unknown; text: string } | undefined>;
export const showSections: ShowSection[] = [];

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('a message with its provenance: the original blob, where in it, the hashes and ledger position')
    .argument('<id>', 'message id (16 or more hex digits, or any unique prefix of 6+)')
    .option('--json', 'print as JSON')
    .option('--as <user>', 'the admin of this folder opening a post its author deleted (audited)')
    .action(async (id: string, opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const m = await ctx.store.getMessage(id);
        if (!m) throw new NotFoundError(`no message ${id}`, id);
        if (m.deleted) {
          // The sealed copy of an author-deleted post: admins only, and every opening is in the audit log.
          const who = await requireRole(
            ctx,
            opts.as,
            'admin',
            `message ${m.id.slice(0, 16)} was deleted by its author; opening its sealed copy`,
          );
          await auditCli(ctx, 'audit.original_viewed', { message: m.id, reason: 'author-deleted message' }, who);
        }
        const versions = await messageVersionHistory(ctx.store.db, m);
        const blob = await ctx.store.db
          .selectFrom('blobs')
          .selectAll()
          .where('sha256', '=', m.provenance.blob)
          .executeTakeFirst();
        const extra = [];
        for (const s of showSections) {
          const sec = await s(m, ctx);
          if (sec) extra.push(sec);
        }
        if (opts.json) {
          printJson({
            ...m,
            versionHistory: versions,
            original: blob
              ? { sha256: blob.sha256, bytes: Number(blob.bytes), name: blob.name, capturedAt: blob.captured_at }
              : undefined,
            ...Object.fromEntries(extra.map((e) => [e.title, e.json])),
          });
          return;
        }
        const out = [
          `id           ${m.id}`,
          `platform     ${m.platform}  native id ${m.nativeId}${m.url ? `  ${m.url}` : ''}`,
          `author       ${m.author.displayName ?? ''}${m.author.handle ? ` @${m.author.handle}` : ''} (${m.author.id})`,
          `posted at    ${m.postedAt}`,
          `captured at  ${m.capturedAt}`,
          `language     ${m.lang ?? 'unknown'}`,
          m.deleted ? 'deleted      by its author: hidden from working views and public exports' : '',
          '',
          m.text,
          '',
          ...m.media.map(
            (x) => `media        ${x.originalName ?? x.url ?? ''} ${x.mime ?? ''} ${x.sha256 ?? '(not held)'}`,
          ),
          m.replyTo ? `reply to     ${m.replyTo.nativeId}` : '',
          m.repostOf ? `repost of    ${m.repostOf.nativeId}` : '',
          'Provenance',
          `  source       ${m.provenance.source} (importer ${m.provenance.importer.name} ${m.provenance.importer.version})`,
          `  original     blob ${m.provenance.blob}${blob ? ` (${blob.name}, ${blob.bytes} bytes)` : ''}`,
          `  located at   ${m.provenance.locator}`,
          `  content hash ${m.contentHash}`,
          `  ledger       seq ${m.seq}; ${m.versions} version(s): ${versions.map((v) => `seq ${v.seq}`).join(', ')}`,
          ...extra.map((e) => `${e.title}\n${e.text}`),
        ];
        process.stdout.write(`${out.filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n')}\n`);
      });
    });
}
