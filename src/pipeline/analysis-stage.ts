import { hasDefaultModel } from '../analysis/classify/model-files.ts';
import type { Analysis } from '../core/analysis.ts';
import { MESSAGE_ANALYZED, type MessageAnalyzedPayload } from '../core/analysis-events.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import type { CapturedMessage, Stage } from './stage.ts';

let loaded: Promise<typeof import('../analysis/analyze.ts')> | undefined;

/** analyze.ts and the models load on the first batch, not when the pipeline module is imported. */
function analysis(): Promise<typeof import('../analysis/analyze.ts')> {
  loaded ??= import('../analysis/analyze.ts').then(async (m) => {
    await m.prepareAnalysis();
    return m;
  });
  return loaded;
}

/** Analyses computed ahead (by a worker thread, during a bulk import), used once by analyzeBatch. */
const precomputed = new WeakMap<CapturedMessage, Analysis>();

/** What analysis reads of a captured message: nothing else, so it can be computed anywhere. */
export function analysisInput(c: CapturedMessage) {
  return { text: c.message.text, lang: c.message.lang, postedAt: c.message.postedAt };
}

/** Hand analyzeBatch the analyses of these messages, computed elsewhere from analysisInput(). */
export function providePrecomputed(messages: CapturedMessage[], analyses: Analysis[]): void {
  if (messages.length !== analyses.length) throw new Error('precomputed analyses do not match their messages');
  for (const [i, c] of messages.entries()) precomputed.set(c, analyses[i]);
}

/** Drafts of message.analyzed events for captured messages (dated at capture, so replays agree). */
export async function analyzeBatch(batch: CapturedMessage[]): Promise<LedgerEventDraft<MessageAnalyzedPayload>[]> {
  const ahead = batch.map((c) => precomputed.get(c));
  const analyzeMessage = ahead.every((a) => a !== undefined) ? undefined : (await analysis()).analyzeMessage;
  return batch.map((c, i) => {
    const analysis = ahead[i] ?? analyzeMessage!(analysisInput(c));
    precomputed.delete(c);
    return {
      kind: MESSAGE_ANALYZED,
      at: c.message.capturedAt,
      actor: 'system',
      payload: { messageId: c.id, contentHash: c.contentHash, analysis },
    };
  });
}

/** The analysis pipeline stage, on import and live ingest alike. Skips itself when no model is installed. */
export const analysisStage: Stage = {
  name: 'analysis',
  deferrable: true,
  async run(batch) {
    if (!hasDefaultModel() || batch.length === 0) return [];
    return analyzeBatch(batch);
  },
};
