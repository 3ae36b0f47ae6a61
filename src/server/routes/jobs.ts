import { z } from 'zod';
import { InProcessQueue } from '../../pipeline/jobs/in-process-queue.ts';
import { type JobQueue, type JobRecord, STATE_WORDS } from '../../pipeline/jobs/queue.ts';
import type { App, ServerContext } from '../context.ts';
import { ErrorBody, errors } from '../schemas.ts';

const Depth = z.object({
  queue: z.string(),
  ready: z.number(),
  deferred: z.number(),
  /** of the deferred, retries due within a minute */
  retryingSoon: z.number(),
  active: z.number(),
  completed: z.number(),
  failed: z.number(),
});
const Problem = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.string(),
  retryCount: z.number(),
  createdOn: z.string(),
  startedOn: z.string().optional(),
  completedOn: z.string().optional(),
  /** When a job waiting for a retry may start. */
  startAfter: z.string().optional(),
  error: z.string().optional(),
});
const JobsReport = z.object({
  runner: z.enum(['pg-boss', 'in-process']),
  depths: z.array(Depth),
  problems: z.array(Problem),
});
const Params = z.object({ id: z.string().min(1).max(64) });

/** A job without its data: an import's file name or an analysis batch's message ids are not for every viewer. */
function summary(j: JobRecord): z.infer<typeof Problem> {
  const { data: _data, ...rest } = j;
  return rest;
}

/**
 * The job queues for the dashboard's Jobs page: depth per queue, and failed, cancelled and retrying jobs
 * with their errors for viewers and analysts; retry and cancel for admins. On SQLite there is no shared queue: jobs run in
 * the process that starts them, and the page says so.
 */
export async function jobRoutes(app: App, ctx: ServerContext) {
  const queue: JobQueue = ctx.jobs ?? new InProcessQueue({ store: ctx.store, blobs: ctx.blobs, env: {} });
  app.get(
    '/api/jobs',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['jobs'],
        summary:
          'Job queues: depth per queue; failed jobs, cancelled jobs and jobs waiting for a retry, newest first, with their last errors',
        response: { 200: JobsReport, ...errors },
      },
    },
    async () => ({
      runner: queue.kind,
      depths: await queue.depths(),
      problems: (await queue.problems(50)).map(summary),
    }),
  );
  for (const action of ['retry', 'cancel'] as const)
    app.post(
      `/api/jobs/:id/${action}`,
      {
        config: { access: 'admin' },
        schema: {
          tags: ['jobs'],
          summary: action === 'retry' ? 'Run a failed or cancelled job again' : 'Cancel a queued or running job',
          params: Params,
          response: { 200: Problem, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) => {
        const job = await queue.getJob(req.params.id);
        if (!job) return reply.code(404).send({ error: 'not_found', message: `no job ${req.params.id}` });
        const ok = action === 'retry' ? await queue.retry(job.id) : await queue.cancel(job.id);
        if (!ok)
          return reply.code(409).send({
            error: 'conflict',
            message: `job ${job.id} is ${STATE_WORDS[job.state]}; it cannot be ${action === 'retry' ? 'retried' : 'cancelled'}`,
          });
        return summary((await queue.getJob(job.id)) ?? job);
      },
    );
}
