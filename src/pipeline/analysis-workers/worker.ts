// The body of an analysis worker thread: loads the models once, then answers batches of analyze
// inputs with their analyses, in the order asked. Pure compute: no store, no ledger.
import { parentPort } from 'node:worker_threads';
import type { AnalyzeInput } from '../../analysis/analysis-schema.ts';
import { analyzeMessage, prepareAnalysis } from '../../analysis/analyze.ts';
import { dupSignature } from '../../analysis/near-dup.ts';
import { searchableText } from '../../core/arabic-normalize.ts';
import { canonicalJson } from '../../core/canonical-json.ts';
import { storedPayload } from '../../store/ledger-codec/ledger-codec.ts';
import { analyzedPayload } from '../analysis-stage.ts';
import type { AnalysisReply, AnalysisRequest } from './protocol.ts';

if (!parentPort) throw new Error('analysis worker: run me with new Worker()');
const port = parentPort;
const ready = prepareAnalysis();
ready.then(
  () => port.postMessage({ ready: true } satisfies AnalysisReply),
  () => {}, // the first request reports the error
);

port.on('message', async (req: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    await ready;
    const analyses = req.inputs.map((input: AnalyzeInput) => analyzeMessage(input));
    reply = {
      id: req.id,
      analyses,
      texts: req.inputs.map(({ text }) => ({ searchable: searchableText(text), signature: dupSignature(text) })),
      // the message.analyzed payload as analysis-stage.ts builds it, canonicalized and deflated here
      payloads: req.keys?.map((k, i) => {
        const json = canonicalJson(analyzedPayload(k.messageId, k.contentHash, analyses[i]));
        return { json, stored: storedPayload(json) };
      }),
    };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
