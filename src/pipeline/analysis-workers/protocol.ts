import type { AnalyzeInput } from '../../analysis/analysis-schema.ts';
import type { DupSignature } from '../../analysis/near-dup.ts';
import type { Analysis } from '../../core/analysis.ts';

/** What the main thread would otherwise compute from a message's text while writing it. */
export interface TextDerivatives {
  /** searchableText(text), for the full-text index. */
  searchable: string;
  /** dupSignature(text), for the analyses row. */
  signature: DupSignature;
}

/** A batch of messages to analyze, sent to a worker. */
export interface AnalysisRequest {
  id: number;
  inputs: AnalyzeInput[];
}

/** The analyses of one request, in its order, or why it failed; or that the models have loaded. */
export type AnalysisReply =
  | { id: number; analyses: Analysis[]; texts: TextDerivatives[]; error?: undefined }
  | { id: number; error: string }
  | { ready: true };
