import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { type JobQueue, STATE_WORDS } from '../../pipeline/jobs/queue.ts';
import { printJson, withContext } from '../context.ts';
import { openCliQueue } from '../job-queue.ts';

/** Queue depth, running jobs and failures with their errors: what `vigil jobs` and GET /api/jobs show. */
export async function jobsReport(queue: JobQueue, limit = 50) {
  return { runner: queue.kind, depths: await queue.depths(), problems: await queue.problems(limit) };
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
    .description('the job queues: depth per queue, running jobs, failures with their errors')
    .option('--limit <n>', 'failures listed', '20')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const queue = await openCliQueue(ctx);
        try {
          const report = await jobsReport(queue, Number(opts.limit) || 20);
          if (opts.json) return printJson(report);
          if (queue.kind === 'in-process')
            process.stdout.write(
              'SQLite: jobs run inside the process that starts them (import, serve, watch, worker); nothing is queued between processes.\n',
            );
          process.stdout.write('queue       ready  later  active  done  failed\n');
          for (const d of report.depths)
            process.stdout.write(
              `${d.queue.padEnd(10)} ${String(d.ready).padStart(6)} ${String(d.deferred).padStart(6)} ${String(d.active).padStart(7)} ${String(d.completed).padStart(5)} ${String(d.failed).padStart(7)}\n`,
            );
          for (const p of report.problems)
            process.stdout.write(
              `${p.state === 'failed' ? 'FAILED' : 'retry '} ${p.queue} ${p.id} (tries ${p.retryCount + 1}): ${p.error ?? ''}\n`,
            );
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
