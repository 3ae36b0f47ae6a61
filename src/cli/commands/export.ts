import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { writeEvidenceBag } from '../../evidence/export/evidence-bag.ts';
import { writeFlatExport } from '../../evidence/export/flat-export.ts';
import { selectMessages } from '../../evidence/export/selection.ts';
import { loadKey } from '../../evidence/keys.ts';
import { auditCli } from '../audit.ts';
import { printJson, withContext } from '../context.ts';
import { requireRole } from '../operator.ts';
import { addSearchFilterOptions, searchFilters } from '../search-options.ts';
import { cliActor } from './users.ts';

const FORMATS = ['bagit', 'jsonl', 'csv'] as const;

export const VIGIL_VERSION: string = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
).version;

export function registerExport(program: Command): void {
  addSearchFilterOptions(
    program
      .command('export')
      .description(
        'package messages as evidence a court can check without Vigil: a BagIt bag with originals, ledger events, Merkle proofs to a signed checkpoint and verify.py',
      )
      .argument('[query...]', 'search words (as vigil search); with no words and no filters, every message'),
  )
    .option('--person <name|id|platform:handle>', 'every message of a person on the watchlist')
    .option('--id <id...>', 'these messages (ids or unique prefixes)')
    .option('--format <format>', 'bagit (evidence), jsonl or csv (current versions, for reading)', 'bagit')
    .requiredOption('--out <path>', 'the bag folder (or file) to create; must not exist')
    .option('--organization <name>', 'Source-Organization in bag-info.txt (default $VIGIL_ORGANIZATION)')
    .option('--include-deleted', 'also posts their authors deleted (needs --as an admin; said in bag-info.txt)')
    .option('--as <user>', 'the user of this folder acting (checked against its users table)')
    .option('--json', 'print the summary as JSON')
    .action(async (words: string[], opts, cmd: Command) => {
      if (!(FORMATS as readonly string[]).includes(opts.format))
        throw new UsageError(`--format: one of ${FORMATS.join(', ')}: ${opts.format}`, opts.format);
      const query = searchFilters(words, opts);
      const out = resolve(opts.out);
      await withContext(cmd, async (ctx) => {
        const actor = opts.includeDeleted
          ? await requireRole(ctx, opts.as, 'admin', 'exporting author-deleted posts')
          : opts.as
            ? await requireRole(ctx, opts.as, 'analyst', 'export')
            : cliActor();
        const selected = await selectMessages(ctx.store, {
          query,
          person: opts.person,
          ids: opts.id,
          includeDeleted: Boolean(opts.includeDeleted),
        });
        for (const l of selected.leftOut) process.stderr.write(`left out ${l}\n`);
        if (selected.messages.length === 0)
          throw new UsageError(`nothing matches (${selected.description}); nothing was written`);
        let summary: Record<string, unknown>;
        if (opts.format === 'bagit') {
          summary = {
            ...(await writeEvidenceBag({
              store: ctx.store,
              blobs: ctx.blobs,
              selected,
              out,
              includeDeleted: Boolean(opts.includeDeleted),
              actor,
              organization:
                opts.organization ?? process.env.VIGIL_ORGANIZATION ?? 'not given (vigil export --organization)',
              vigilVersion: VIGIL_VERSION,
              signingKey: () => loadKey(),
            })),
          };
        } else {
          await writeFlatExport(selected.messages, opts.format, out);
          summary = { path: out, messages: selected.messages.length };
        }
        await auditCli(ctx, 'audit.export', {
          what: 'messages',
          format: opts.format,
          selection: selected.description,
          count: selected.messages.length,
          includeDeleted: opts.includeDeleted ? true : undefined,
          by: actor,
          out,
        });
        if (opts.json) return printJson(summary);
        const s = summary as { messages: number; versions?: number; originals?: number; ledgerEvents?: number };
        process.stdout.write(
          opts.format === 'bagit'
            ? `Wrote ${out}: ${s.messages} messages (${s.versions} versions), ${s.originals} originals, ${s.ledgerEvents} ledger events with proofs.\nCheck it: python3 ${out}/verify.py\n`
            : `Wrote ${out}: ${s.messages} messages.\n`,
        );
      });
    });
}
