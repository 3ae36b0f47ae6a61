import { hasDefaultModel } from '../analysis/classify/model-files.ts';
import type { Analysis } from '../core/analysis.ts';
import { MESSAGE_ANALYZED, type MessageAnalyzedPayload } from '../core/analysis-events.ts';
import { givePayloadJson, type LedgerEventDraft } from '../core/ledger-event.ts';
import { giveStoredPayload } from '../store/ledger-codec/ledger-codec.ts';
import type { PreparedPayload } from './analysis-workers/protocol.ts';
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
/** Their message.analyzed payloads as the ledger stores them, prepared by the same worker. */
const prepared = new WeakMap<CapturedMessage, PreparedPayload>();

/** A message.analyzed event's payload (also built by the analysis workers, to prepare it as stored). */
export function analyzedPayload(messageId: string, contentHash: string, analysis: Analysis): MessageAnalyzedPayload {
  return { messageId, contentHash, analysis };
}

/** What analysis reads of a captured message: nothing else, so it can be computed anywhere. */
export function analysisInput(c: CapturedMessage) {
  return { text: c.message.text, lang: c.message.lang, postedAt: c.message.postedAt };
}

/**
 * Hand analyzeBatch the analyses of these messages, computed elsewhere from analysisInput(), and optionally
 * their payloads as stored (canonicalJson and storedPayload of analyzedPayload(), for the same analysis).
 */
export function providePrecomputed(
  messages: CapturedMessage[],
  analyses: Analysis[],
  payloads?: PreparedPayload[],
): void {
  if (messages.length !== analyses.length) throw new Error('precomputed analyses do not match their messages');
  if (payloads && payloads.length !== messages.length) throw new Error('prepared payloads do not match their messages');
  for (const [i, c] of messages.entries()) {
    precomputed.set(c, analyses[i]);
    if (payloads) prepared.set(c, payloads[i]);
  }
}

/** Drafts of message.analyzed events for captured messages (dated at capture, so replays agree). */
export async function analyzeBatch(batch: CapturedMessage[]): Promise<LedgerEventDraft<MessageAnalyzedPayload>[]> {
  const ahead = batch.map((c) => precomputed.get(c));
  const analyzeMessage = ahead.every((a) => a !== undefined) ? undefined : (await analysis()).analyzeMessage;
  return batch.map((c, i) => {
    const analysis = ahead[i] ?? analyzeMessage!(analysisInput(c));
    const payload = analyzedPayload(c.id, c.contentHash, analysis);
    const ready = ahead[i] ? prepared.get(c) : undefined;
    if (ready) {
      // the worker canonicalized and deflated this very analysis: the chain and the ledger row take them
      givePayloadJson(payload, ready.json);
      giveStoredPayload(payload, ready.stored);
    }
    precomputed.delete(c);
    prepared.delete(c);
    return { kind: MESSAGE_ANALYZED, at: c.message.capturedAt, actor: 'system', payload };
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
