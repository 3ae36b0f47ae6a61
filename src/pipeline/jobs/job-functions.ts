import { enqueueAlertsTick, runAlertsTick, runDeliveryJob } from './alerts-job.ts';
import { runAnalysisJob } from './analysis-job.ts';
import { runCaptureJob } from './capture-job.ts';
import { runImportJob } from './import-job.ts';
import { runPollJob } from './poll-job.ts';
import type { JobFunction, QueueName } from './queue.ts';

/** The function each queue's jobs run, the same on PostgreSQL (pg-boss) and SQLite (in-process). One line each. */
export const jobFunctions: Record<QueueName, JobFunction> = {
  import: runImportJob,
  analysis: async (ctx, data) => {
    const out = await runAnalysisJob(ctx, data);
    // new triage results can change the board: one evaluation is queued after them (at most one waits)
    if (out.analyzed > 0) await enqueueAlertsTick(ctx.queue);
    return out;
  },
  capture: (ctx) => runCaptureJob(ctx),
  poll: runPollJob,
  alerts: runAlertsTick,
  delivery: runDeliveryJob,
};
