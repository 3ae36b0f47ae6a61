import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { type JobQueue, type JobRecord, STATE_WORDS } from '../../pipeline/jobs/queue.ts';
import { printJson, withContext } from '../context.ts';
import { openCliQueue } from '../job-queue.ts';

/** Queue depth, running jobs and failures with their errors: what `vigil jobs` and GET /api/jobs show. */
export async function jobsReport(queue: JobQueue, limit = 50) {
  return { runner: queue.kind, depths: await queue.depths(), problems: await queue.problems(limit) };
}

/** The state at the head of a listed job's line: failures stand out, the others in words. */
const STATE_LABEL: Partial<Record<JobRecord['state'], string>> = {
  failed: 'FAILED',
  retry: 'retry',
  cancelled: 'cancelled',
};

/** `vigil jobs` as text: depth per queue, then failed, cancelled and retrying jobs with their errors. */
export function jobsText(report: Awaited<ReturnType<typeof jobsReport>>): string {
  const lines: string[] = [];
  if (report.runner === 'in-process')
    lines.push(
      'SQLite: jobs run inside the process that starts them (import, serve, watch, worker); nothing is queued between processes.',
    );
  lines.push('queue       ready  later  active  done  failed');
  for (const d of report.depths)
    lines.push(
      `${d.queue.padEnd(10)} ${String(d.ready).padStart(6)} ${String(d.deferred).padStart(6)} ${String(d.active).padStart(7)} ${String(d.completed).padStart(5)} ${String(d.failed).padStart(7)}`,
    );
  for (const p of report.problems)
    lines.push(
      `${STATE_LABEL[p.state] ?? STATE_WORDS[p.state]} ${p.queue} ${p.id} (tries ${p.retryCount + 1}${p.state === 'retry' && p.startAfter ? `, next at ${p.startAfter}` : ''})${p.error ? `: ${p.error}` : ''}`,
    );
  if (report.problems.some((p) => p.state === 'cancelled'))
    lines.push('A cancelled job runs again with: vigil jobs retry <id>');
  return `${lines.join('\n')}\n`;
}

async function adminAction(queue: JobQueue, action: 'retry' | 'cancel', id: string): Promise<void> {
  const job = await queue.getJob(id);
  if (!job) throw new NotFoundError(`no job ${id}`, id);
  const ok = action === 'retry' ? await queue.retry(id) : await queue.cancel(id);
  if (!ok)
    throw new UsageError(
      action === 'retry'
        ? `job ${id} is ${STATE_WORDS[job.state]}; only failed or cancelled jobs can be retried`
        : `job ${id} is ${STATE_WORDS[job.state]}; only queued${queue.kind === 'pg-boss' ? ' or running' : ''} jobs can be cancelled`,
      id,
    );
}

export function registerJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('the job queues: depth per queue; failed, cancelled and retrying jobs with their errors')
    .option('--limit <n>', 'failed, cancelled and retrying jobs listed', '20')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const queue = await openCliQueue(ctx);
        try {
          const report = await jobsReport(queue, Number(opts.limit) || 20);
          if (opts.json) return printJson(report);
          process.stdout.write(jobsText(report));
        } finally {
          await queue.close();
        }
      });
    });
  for (const action of ['retry', 'cancel'] as const)
    jobs
      .command(action)
      .description(
        action === 'retry' ? 'run a failed or cancelled job again (admin)' : 'cancel a queued or running job (admin)',
      )
      .argument('<id>', 'job id, as vigil jobs lists it')
      .action(async (id: string, _opts, cmd: Command) => {
        await withContext(cmd, async (ctx) => {
          const queue = await openCliQueue(ctx);
          try {
            await adminAction(queue, action, id);
            process.stdout.write(`${action === 'retry' ? 'retrying' : 'cancelled'} ${id}\n`);
          } finally {
            await queue.close();
          }
        });
      });
}
