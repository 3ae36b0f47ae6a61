import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { VigilError } from '../../core/errors.ts';
import { FINE_LABELS, type FineLabel } from '../taxonomy.ts';
import { FEATURE_BITS, FEATURE_DIM, featurize } from './features.ts';
import type { TriageModel } from './triage-model.ts';

export const ModelMeta = z.object({
  version: z.string(),
  featureBits: z.number().int(),
  labels: z.array(z.string()),
  /** Weight = int8 * scale. */
  scale: z.number(),
  bias: z.array(z.number()),
  trainedOn: z.record(z.string(), z.number()).optional(),
  /** Optional feature groups (features.ts FeatureOptions) the model was trained with. */
  features: z.object({ arStem: z.boolean().optional(), arabiziDigits: z.boolean().optional() }).optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
  /**
   * Present when the model is the linear model averaged with the subword-embedding model
   * (ensemble-model.ts): its embeddings are in triage-subword.i8.gz, the rest here.
   */
  ensemble: z
    .object({
      linearWeight: z.number().min(0).max(1),
      newLabelLinearWeight: z.number().min(0).max(1).optional(),
      offsets: z.array(z.number()),
      subword: z.object({
        dim: z.number().int().positive(),
        embeddingScale: z.number(),
        output: z.array(z.number()),
        outputBias: z.array(z.number()),
        /** One tanh layer between the averaged embedding and the output (subword-embeddings.ts). */
        hidden: z
          .object({ units: z.number().int().positive(), w: z.array(z.number()), b: z.array(z.number()) })
          .optional(),
      }),
    })
    .optional(),
});
export type ModelMeta = z.infer<typeof ModelMeta>;

export class ModelFormatError extends VigilError {}

export interface Prediction {
  label: FineLabel;
  confidence: number;
  /** Probability per FINE_LABELS index. */
  probs: Float64Array;
}

/** Multinomial logistic regression over hashed features, int8-quantized weights. */
export class LinearModel implements TriageModel {
  readonly k: number;
  private readonly feats: number[] = [];
  private readonly acc: Float64Array;

  constructor(
    readonly meta: ModelMeta,
    /** Row-major [feature][label]. */
    readonly weights: Int8Array | Float32Array,
  ) {
    if (meta.featureBits !== FEATURE_BITS)
      throw new ModelFormatError(
        `model has ${meta.featureBits} feature bits, code expects ${FEATURE_BITS}`,
        meta.featureBits,
      );
    if (meta.labels.join() !== FINE_LABELS.join())
      throw new ModelFormatError('model labels differ from FINE_LABELS', meta.labels);
    this.k = meta.labels.length;
    if (weights.length !== FEATURE_DIM * this.k)
      throw new ModelFormatError('weights have the wrong length', weights.length);
    this.acc = new Float64Array(this.k);
  }

  get version(): string {
    return this.meta.version;
  }

  /** Raw scores (logits) into this.acc-shaped output. */
  scores(text: string, out: Float64Array = new Float64Array(this.k)): Float64Array {
    return this.scoresOfFeatures(featurize(text, this.feats, this.meta.features), out);
  }

  /** Logits of an already featurized text (the ensemble featurizes once for both of its models). */
  scoresOfFeatures(f: ArrayLike<number>, out: Float64Array = new Float64Array(this.k)): Float64Array {
    const k = this.k;
    const w = this.weights;
    const acc = this.acc;
    acc.fill(0);
    for (let i = 0; i < f.length; i++) {
      const base = f[i] * k;
      for (let j = 0; j < k; j++) acc[j] += w[base + j];
    }
    const s = this.meta.scale / Math.sqrt(f.length);
    for (let j = 0; j < k; j++) out[j] = acc[j] * s + this.meta.bias[j];
    return out;
  }

  predict(text: string): Prediction {
    return this.predictAmong(text, this.k);
  }

  /** The best of the first `n` labels (HumAID's own classes are the first ten). */
  predictAmong(text: string, n: number): Prediction {
    const probs = this.scores(text);
    softmaxInPlace(probs);
    let best = 0;
    for (let j = 1; j < n; j++) if (probs[j] > probs[best]) best = j;
    return { label: FINE_LABELS[best], confidence: probs[best], probs };
  }
}

export function softmaxInPlace(v: Float64Array): void {
  let m = -Infinity;
  for (const x of v) if (x > m) m = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = Math.exp(v[i] - m);
    sum += v[i];
  }
  for (let i = 0; i < v.length; i++) v[i] /= sum;
}

/** Float weights to int8 with one scale for the whole matrix. */
export function quantize(w: Float32Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const x of w) if (Math.abs(x) > max) max = Math.abs(x);
  const scale = max / 127 || 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i] / scale);
  return { q, scale };
}

export function loadModelFiles(metaPath: string, weightsPath: string): LinearModel {
  const meta = ModelMeta.parse(JSON.parse(readFileSync(metaPath, 'utf8')));
  const buf = gunzipSync(readFileSync(weightsPath));
  const q = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return new LinearModel(meta, q);
}
