import { FINE_LABELS, type FineLabel } from '../taxonomy.ts';
import { FEATURE_DIM, type FeatureOptions, featurize } from './features.ts';
import { softmaxInPlace } from './linear-model.ts';
import { seededRandom, shuffleInPlace } from './rng.ts';

export interface TrainItem {
  text: string;
  label: FineLabel;
  /** Per-example weight (source weighting); default 1. */
  weight?: number;
}

export interface SgdOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Exponent on inverse class frequency for class weights (0 = none, 1 = fully balanced). */
  classBalance: number;
  /** Optional feature groups (features.ts). */
  features?: FeatureOptions;
  /** Average the weights over all steps (averaged SGD): steadier on unseen events. */
  average?: boolean;
  /** Called after each epoch with the current weights; return a score to keep the best epoch. */
  onEpoch?: (epoch: number, w: Float32Array, bias: Float64Array) => number;
}

/** Featurized training items, ready for the trainers (one featurize pass shared by every model). */
export interface PackedItems {
  feats: Int32Array;
  offsets: Int32Array;
  labels: Uint8Array;
  weights: Float32Array;
}

export function packItems(items: TrainItem[], features: FeatureOptions = {}): PackedItems {
  const offsets = new Int32Array(items.length + 1);
  const chunks: number[][] = [];
  const tmp: number[] = [];
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const f = featurize(items[i].text, tmp, features).slice();
    chunks.push(f);
    total += f.length;
    offsets[i + 1] = total;
  }
  const feats = new Int32Array(total);
  for (let i = 0; i < chunks.length; i++) feats.set(chunks[i], offsets[i]);
  const labels = new Uint8Array(items.map((it) => FINE_LABELS.indexOf(it.label)));
  const weights = new Float32Array(items.map((it) => it.weight ?? 1));
  return { feats, offsets, labels, weights };
}

/** Multinomial logistic regression by SGD with Adagrad step sizes. Deterministic for a seed. */
export function trainSgd(
  items: TrainItem[],
  opt: SgdOptions,
  packed?: PackedItems,
): { w: Float32Array; bias: Float64Array; bestEpoch: number; bestScore: number } {
  const K = FINE_LABELS.length;
  const p = packed ?? packItems(items, opt.features);
  const counts = new Float64Array(K);
  for (const l of p.labels) counts[l]++;
  const classW = new Float64Array(K);
  for (let k = 0; k < K; k++) classW[k] = counts[k] ? (items.length / (K * counts[k])) ** opt.classBalance : 0;

  const w = new Float32Array(FEATURE_DIM * K);
  const g2 = new Float32Array(FEATURE_DIM * K);
  const bias = new Float64Array(K);
  const bg2 = new Float64Array(K);
  // averaged SGD without touching every weight per step: avg = w - u / t, u accumulating t * update
  const u = opt.average ? new Float32Array(FEATURE_DIM * K) : undefined;
  const ub = new Float64Array(K);
  let t = 1;
  const scores = new Float64Array(K);
  const order = Array.from({ length: items.length }, (_, i) => i);
  const rand = seededRandom(opt.seed);
  let best = { w: w.slice(), bias: bias.slice(), epoch: 0, score: -Infinity };
  const eta = opt.learningRate;

  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const i of order) {
      const s0 = p.offsets[i];
      const s1 = p.offsets[i + 1];
      const x = 1 / Math.sqrt(s1 - s0);
      for (let k = 0; k < K; k++) scores[k] = bias[k];
      for (let s = s0; s < s1; s++) {
        const base = p.feats[s] * K;
        for (let k = 0; k < K; k++) scores[k] += w[base + k] * x;
      }
      softmaxInPlace(scores);
      const y = p.labels[i];
      const cw = classW[y] * p.weights[i];
      for (let k = 0; k < K; k++) {
        const g = (scores[k] - (k === y ? 1 : 0)) * cw;
        scores[k] = g;
        bg2[k] += g * g;
        const db = (eta * g) / Math.sqrt(bg2[k] + 1e-8);
        bias[k] -= db;
        ub[k] -= t * db;
      }
      for (let s = s0; s < s1; s++) {
        const base = p.feats[s] * K;
        for (let k = 0; k < K; k++) {
          const idx = base + k;
          const g = scores[k] * x + opt.l2 * w[idx];
          g2[idx] += g * g;
          const d = (eta * g) / Math.sqrt(g2[idx] + 1e-8);
          w[idx] -= d;
          if (u) u[idx] -= t * d;
        }
      }
      t++;
    }
    let ew = w;
    let eb = bias;
    if (u) {
      ew = new Float32Array(w.length);
      for (let i = 0; i < w.length; i++) ew[i] = w[i] - u[i] / t;
      eb = bias.map((b, k) => b - ub[k] / t);
    }
    const score = opt.onEpoch ? opt.onEpoch(epoch, ew, eb) : epoch;
    if (score > best.score)
      best = { w: ew === w ? w.slice() : ew, bias: eb === bias ? bias.slice() : eb, epoch, score };
  }
  return { w: best.w, bias: best.bias, bestEpoch: best.epoch, bestScore: best.score };
}
