import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { importPath } from '../../pipeline/import.ts';
import { enqueueImport } from '../../pipeline/jobs/import-job.ts';
import type { ImportSummary } from '../../pipeline/summary.ts';
import { type CliContext, printJson, withContext } from '../context.ts';
import { openCliQueue } from '../job-queue.ts';
import { createProgress } from '../progress.ts';

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.input} (${s.format}): ${s.read} read, ${s.new} new, ${s.unchanged} unchanged, ${s.edited} edited, ` +
      `${s.events} events, ${s.rejected} rejected` +
      ` in ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  if (s.events > 0)
    lines.push(
      `Events: ${s.events} system notices (encryption notice, members added or left, subject changes...) kept as events, not posts${s.eventsNew < s.events ? ` (${s.events - s.eventsNew} already stored)` : ''}.`,
    );
  if (s.read > 0 && s.new === 0 && s.edited === 0 && s.unchanged > 0)
    lines.push('Nothing new: every message was already stored.');
  if (s.rejected > 0) {
    lines.push('Rejected:');
    for (const r of s.rejections.slice(0, 20)) lines.push(`  ${r.file}:${r.place}: ${r.reason}`);
    if (s.rejected > 20) {
      lines.push('  by reason:');
      for (const [k, n] of Object.entries(s.rejectionsByReason)) lines.push(`    ${n} × ${k}`);
    }
  }
  for (const w of s.warnings.slice(0, 20)) lines.push(`warning: ${w}`);
  for (const [k, n] of Object.entries(s.stageFailures)) lines.push(`stage ${k} failed on ${n} messages`);
  return lines.join('\n');
}

/** Turn repeatable `--opt key=value` flags into source options. */
function parseSourceOptions(list: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i === -1) out[kv] = true;
    else out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

/**
 * `vigil import --queue`: each file goes into the blob store and an import job carries its hash, name
 * and options; on PostgreSQL the command returns at once with the job ids. On SQLite there is no queue
 * between processes, so the jobs (import, then analysis) run here before the command returns.
 */
async function queueImports(
  ctx: CliContext,
  paths: string[],
  o: { format?: string; options: Record<string, string | boolean>; json: boolean },
): Promise<void> {
  const queue = await openCliQueue(ctx);
  try {
    for (const path of paths) {
      const st = await stat(path).catch(() => undefined);
      if (!st) throw new UsageError(`no such file: ${path}`, path);
      if (st.isDirectory()) throw new UsageError(`--queue takes a file or a zip, not a folder: ${path}`, path);
      const put = await ctx.blobs.putFile(path);
      const id = await enqueueImport(queue, { blob: put.sha256, name: path, format: o.format, options: o.options });
      if (o.json) printJson({ job: id, input: path, blob: put.sha256, runner: queue.kind });
      else process.stdout.write(`${id}\n`);
    }
    if (queue.kind === 'in-process') {
      process.stderr.write('SQLite: no worker queue between processes; running the import here\n');
      const summary = await queue.work({ queues: ['import', 'analysis'], concurrency: 1, untilIdle: true });
      if (summary.failed) throw new Error(`${summary.failed} import or analysis jobs failed`);
    }
  } finally {
    await queue.close();
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a file, an unpacked export folder or a zip; re-running adds nothing twice')
    .argument('<paths...>', 'files, folders or zips')
    .option(
      '--format <name>',
      'skip detection: jsonl, csv, twitter-archive, telegram, whatsapp, mastodon, bluesky, signal, ...',
    )
    .option('--map <mapping>', 'CSV columns, e.g. platform=network,id=tweet_id,author=user,postedAt=date,text=body')
    .option('--mapping <file>', 'CSV column mapping as a JSON file')
    .option(
      '--opt <key=value>',
      'format-specific option (repeatable), e.g. daysFirst=true, tz=+02:00',
      (v, acc: string[]) => [...acc, v],
      [],
    )
    .option('--json', 'print the summary as one JSON object per input')
    .option(
      '--queue',
      'PostgreSQL: keep the file in the blob store, queue its import for `vigil worker` and print the job id at once',
    )
    .action(async (paths: string[], opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const options: Record<string, string | boolean> = parseSourceOptions(opts.opt);
        if (opts.map) options.map = opts.map;
        if (opts.mapping) options.mapping = readFileSync(opts.mapping, 'utf8');
        if (opts.queue) return queueImports(ctx, paths, { format: opts.format, options, json: opts.json === true });
        for (const path of paths) {
          const size = (await stat(path).catch(() => undefined))?.size;
          const progress = !opts.json && process.stderr.isTTY ? createProgress(size) : undefined;
          try {
            const summary = await importPath(ctx, path, {
              format: opts.format,
              options,
              onProgress: (s) => progress?.update(s),
            });
            progress?.stop();
            if (opts.json) printJson(summary);
            else process.stdout.write(`${formatSummary(summary)}\n`);
          } catch (err) {
            progress?.stop();
            throw err;
          }
        }
      });
    });
}
