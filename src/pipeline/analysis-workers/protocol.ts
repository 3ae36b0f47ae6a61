import type { AnalyzeInput } from '../../analysis/analysis-schema.ts';
import type { DupSignature } from '../../analysis/near-dup.ts';
import type { Analysis } from '../../core/analysis.ts';
import type { StoredPayload } from '../../store/ledger-codec/ledger-codec.ts';

/** What the main thread would otherwise compute from a message's text while writing it. */
export interface TextDerivatives {
  /** searchableText(text), for the full-text index. */
  searchable: string;
  /** dupSignature(text), for the analyses row. */
  signature: DupSignature;
}

/** Who a message.analyzed payload is about: with it the worker prepares the payload as the ledger stores it. */
export interface PayloadKey {
  messageId: string;
  contentHash: string;
}

/** A message.analyzed payload's canonical JSON and its stored form (ledger-codec storedPayload), made by a worker. */
export interface PreparedPayload {
  json: string;
  stored: StoredPayload;
}

/** A batch of messages to analyze, sent to a worker; with `keys`, the payloads are prepared too. */
export interface AnalysisRequest {
  id: number;
  inputs: AnalyzeInput[];
  keys?: PayloadKey[];
}

/** The analyses of one request, in its order, or why it failed; or that the models have loaded. */
export type AnalysisReply =
  | { id: number; analyses: Analysis[]; texts: TextDerivatives[]; payloads?: PreparedPayload[]; error?: undefined }
  | { id: number; error: string }
  | { ready: true };
