import { hasDefaultModel } from '../analysis/classify/model-files.ts';
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

/** Drafts of message.analyzed events for captured messages (dated at capture, so replays agree). */
export async function analyzeBatch(batch: CapturedMessage[]): Promise<LedgerEventDraft<MessageAnalyzedPayload>[]> {
  const { analyzeMessage } = await analysis();
  return batch.map((c) => ({
    kind: MESSAGE_ANALYZED,
    at: c.message.capturedAt,
    actor: 'system',
    payload: {
      messageId: c.id,
      contentHash: c.contentHash,
      analysis: analyzeMessage({ text: c.message.text, lang: c.message.lang, postedAt: c.message.postedAt }),
    },
  }));
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
