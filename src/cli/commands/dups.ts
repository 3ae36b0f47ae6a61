import type { Command } from 'commander';
import { IMAGE_MAX_DISTANCE, imageDuplicatePairs, joinClusters } from '../../analysis/image-dups.ts';
import { clusterNearDuplicates } from '../../analysis/near-dup.ts';
import { DUPLICATES_MERGED, DUPLICATES_SPLIT, type DuplicatesPayload } from '../../core/analysis-events.ts';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { capturedImageHashes } from '../../store/queries/captured-images.ts';
import { confirmedGroups, recentTexts } from '../../store/queries/duplicates.ts';
import { printJson, withContext } from '../context.ts';

export function registerDups(program: Command): void {
  const dups = program
    .command('dups')
    .description("near-duplicates (reposts, forwards, copy-paste): suggestions, and people's merge/split");
  dups
    .command('suggest', { isDefault: true })
    .description(
      'cluster the newest messages by SimHash of their text and pHash of their captured images; suggestions only, nothing is written',
    )
    .option('--limit <n>', 'how many recent messages to compare', '5000')
    .option('--max-distance <bits>', 'SimHash bits that may differ (0..64)', '3')
    .option(
      '--image-distance <bits>',
      'pHash bits two captured images may differ by (0..64; -1 leaves images out)',
      String(IMAGE_MAX_DISTANCE),
    )
    .option('--json', 'print [{representative, members}]')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const rows = (await recentTexts(ctx.store.db, Number(opts.limit))).reverse();
        const imageDistance = Number(opts.imageDistance);
        if (!Number.isInteger(imageDistance) || imageDistance < -1 || imageDistance > 64)
          throw new UsageError(`--image-distance: expected -1..64, got ${opts.imageDistance}`);
        const ids = rows.map((r) => r.id);
        const pairs =
          imageDistance < 0
            ? []
            : imageDuplicatePairs(await capturedImageHashes(ctx.store.db, ctx.store.dialect, ids), imageDistance);
        const clusters = joinClusters(ids, clusterNearDuplicates(rows, Number(opts.maxDistance)), pairs);
        if (opts.json) return printJson(clusters);
        const text = new Map(rows.map((r) => [r.id, r.text]));
        if (!clusters.length) process.stdout.write('No near-duplicates among the newest messages.\n');
        for (const c of clusters) {
          process.stdout.write(
            `${c.members.length} copies  ${c.members.map((m) => m.slice(0, 16)).join(' ')}\n    ${(text.get(c.representative) ?? '').replace(/\s+/g, ' ').slice(0, 120)}\n`,
          );
        }
        const groups = await confirmedGroups(ctx.store.db);
        if (groups.size) process.stdout.write(`${groups.size} group(s) confirmed by people.\n`);
      });
    });
  for (const [name, kind, what] of [
    [
      'merge',
      DUPLICATES_MERGED,
      'confirm that these messages are copies of one another (the first stands for the group)',
    ],
    ['split', DUPLICATES_SPLIT, 'take these messages out of their duplicate group'],
  ] as const) {
    dups
      .command(name)
      .description(`${what} (a ${kind} ledger event)`)
      .argument('<ids...>', 'message ids or unique prefixes')
      .option('--by <name>', 'who decided (default: $VIGIL_USER or $USER)')
      .option('--note <text>')
      .action(async (ids: string[], opts, cmd: Command) => {
        if (name === 'merge' && ids.length < 2) throw new UsageError('merge needs at least two messages');
        await withContext(cmd, async (ctx) => {
          const full: string[] = [];
          for (const id of ids) {
            const m = await ctx.store.getMessage(id);
            if (!m) throw new NotFoundError(`no message ${id}`, id);
            full.push(m.id);
          }
          const payload: DuplicatesPayload = { messageIds: full, ...(opts.note ? { note: opts.note } : {}) };
          const [e] = await ctx.store.append([
            {
              kind,
              at: new Date().toISOString(),
              actor: opts.by ?? process.env.VIGIL_USER ?? process.env.USER ?? 'cli',
              payload,
            },
          ]);
          process.stdout.write(`${kind} ${full.length} message(s) (ledger seq ${e.seq})\n`);
        });
      });
  }
}
