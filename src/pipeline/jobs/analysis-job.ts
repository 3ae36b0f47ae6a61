import { z } from 'zod';
import { defaultModel, hasDefaultModel } from '../../analysis/classify/model-files.ts';
import type { LedgerEventDraft } from '../../core/ledger-event.ts';
import type { Store } from '../../store/contract.ts';
import { chunk } from '../../store/projections/chunk.ts';
import { rowToMessage } from '../../store/queries/messages.ts';
import { analyzeBatch } from '../analysis-stage.ts';
import type { CapturedMessage } from '../stage.ts';
import { jobIdFor } from './job-id.ts';
import type { JobContext, JobQueue } from './queue.ts';

/** One analysis job: a batch of stored messages, by identity hash. */
export const AnalysisJobData = z.object({
  messageIds: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .min(1)
    .max(5000),
});
export type AnalysisJobData = z.infer<typeof AnalysisJobData>;

export interface AnalysisJobResult {
  analyzed: number;
  /** Already analysed, at their current content, by the current model version. */
  skipped: number;
  /** Not (or no longer) stored. */
  missing: number;
}

/** Enqueue the analysis of a batch; the same batch sent twice is one job. */
export function enqueueAnalysis(queue: JobQueue, messageIds: string[]): Promise<string | null> {
  const version = hasDefaultModel() ? defaultModel().version : 'none';
  return queue.send('analysis', { messageIds }, { id: jobIdFor('analysis', version, ...messageIds) });
}

/** Of `ids` with their content hashes, those whose current analysis is by `version` at that content. */
async function alreadyAnalyzed(db: Store['db'], want: Map<string, string>, version: string): Promise<Set<string>> {
  const done = new Set<string>();
  for (const part of chunk([...want.keys()], 1000)) {
    const rows = await db
      .selectFrom('analyses')
      .select(['message_id', 'content_hash', 'model_version'])
      .where('message_id', 'in', part)
      .execute();
    for (const r of rows)
      if (r.model_version === version && want.get(r.message_id) === r.content_hash) done.add(r.message_id);
  }
  return done;
}

/**
 * Analyse a batch of stored messages and append their message.analyzed events. Idempotent: messages
 * already analysed at their current content by the current model are skipped, checked again inside the
 * write transaction, so two workers given the same batch (a retry after a kill -9) append each result once.
 * Analysis itself runs outside the transaction, so workers analyse in parallel and only the append serializes.
 */
export async function runAnalysisJob(ctx: Pick<JobContext, 'store'>, raw: unknown): Promise<AnalysisJobResult> {
  const data = AnalysisJobData.parse(raw);
  const { store } = ctx;
  if (!hasDefaultModel()) return { analyzed: 0, skipped: 0, missing: data.messageIds.length };
  const version = defaultModel().version;
  const messages: CapturedMessage[] = [];
  for (const part of chunk([...new Set(data.messageIds)], 1000)) {
    const rows = await store.db.selectFrom('messages').selectAll().where('id', 'in', part).execute();
    for (const r of rows) {
      const m = rowToMessage(r);
      const { id, contentHash, seq: _seq, versions: _v, ...message } = m;
      messages.push({ id, contentHash, message });
    }
  }
  const want = new Map(messages.map((m) => [m.id, m.contentHash]));
  const before = await alreadyAnalyzed(store.db, want, version);
  const todo = messages.filter((m) => !before.has(m.id));
  const drafts = todo.length ? await analyzeBatch(todo) : [];
  const { result } = await store.appendWith(async (db) => {
    const done = await alreadyAnalyzed(db, want, version);
    const fresh: LedgerEventDraft[] = drafts.filter((d) => !done.has((d.payload as { messageId: string }).messageId));
    return { drafts: fresh, result: fresh.length };
  });
  return { analyzed: result, skipped: messages.length - result, missing: data.messageIds.length - messages.length };
}
