import { z } from 'zod';
import type { SourceOptions } from '../../sources/source.ts';
import { captureStage } from '../capture-stage.ts';
import { importPath } from '../import.ts';
import type { ImportSummary } from '../summary.ts';
import { enqueueAlertsTick } from './alerts-job.ts';
import { enqueueAnalysis } from './analysis-job.ts';
import { enqueueCapture } from './capture-job.ts';
import type { JobContext, JobQueue } from './queue.ts';

/** An uploaded export, already in the blob store, and how to read it. */
export const ImportJobData = z.object({
  blob: z.string().regex(/^[0-9a-f]{64}$/),
  /** The file name the user gave, for the summary and the original's blob record. */
  name: z.string().min(1),
  format: z.string().optional(),
  options: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
  actor: z.string().optional(),
});
export type ImportJobData = z.infer<typeof ImportJobData>;

export function enqueueImport(queue: JobQueue, data: ImportJobData): Promise<string | null> {
  return queue.send('import', ImportJobData.parse(data));
}

/**
 * Import an export from the blob store. Messages are captured here, batch by batch (one serialized
 * append each, idempotent by identity hash, so a retry after a kill -9 re-reads the file and adds only
 * what the killed attempt had not committed). Analysis, the costly part, is not done inline: each
 * batch's messages go to an analysis job that any worker can take. The follow-ups are enqueued for
 * every batch, captured or unchanged, under ids derived from their content, so a batch committed just
 * before a kill still gets its analysis and none is enqueued twice.
 */
export async function runImportJob(ctx: Pick<JobContext, 'store' | 'blobs' | 'queue' | 'signal'>, raw: unknown) {
  const data = ImportJobData.parse(raw);
  let captureRequested = false;
  const summary: ImportSummary = await ctx.blobs.withLocalFile(data.blob, (path) =>
    importPath(ctx, path, {
      format: data.format,
      options: data.options as SourceOptions | undefined,
      actor: data.actor,
      displayName: data.name,
      stages: [captureStage],
      signal: ctx.signal,
      afterBatch: async (out) => {
        if (out.ids.length) await enqueueAnalysis(ctx.queue, out.ids);
        if (out.captured.length) captureRequested = true;
      },
    }),
  );
  if (ctx.signal.aborted) throw new Error('import stopped before the end of the file; it will be retried');
  if (captureRequested) await enqueueCapture(ctx.queue);
  await enqueueAlertsTick(ctx.queue);
  return summary;
}
