import type { Prediction } from './linear-model.ts';

/** What triage needs of a classifier: the linear model alone, or the ensemble (ensemble-model.ts). */
export interface TriageModel {
  readonly version: string;
  /** Logits (or log-probabilities) per FINE_LABELS index. */
  scores(text: string, out?: Float64Array): Float64Array;
  predict(text: string): Prediction;
  /** The best of the first `n` labels (HumAID's own classes are the first ten). */
  predictAmong(text: string, n: number): Prediction;
}
