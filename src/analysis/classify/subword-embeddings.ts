import { FINE_LABELS } from '../taxonomy.ts';
import { FEATURE_DIM } from './features.ts';
import { softmaxInPlace } from './linear-model.ts';
import { seededRandom, shuffleInPlace } from './rng.ts';
import type { PackedItems } from './sgd.ts';

/**
 * A fastText-style classifier trained by us: every hashed feature (word, word bigram, character
 * 3-5-gram of a word; features.ts) has a learned embedding of `dim` numbers, a text is the average of
 * its features' embeddings, and one linear layer on that average gives the labels. Where the linear
 * model learns one weight per feature and label, this shares what a subword learns across labels
 * through the embedding, so rare spellings (Arabizi, dialect) borrow from their neighbours.
 */
export interface SubwordEmbeddingOptions {
  dim: number;
  epochs: number;
  /** Starting step size; decays linearly to 0 over the run (as fastText does). */
  learningRate: number;
  seed: number;
  /** Exponent on inverse class frequency for class weights (as the linear model). */
  classBalance: number;
  /** Per-example weight (class weight x source weight) is capped here: plain SGD has no Adagrad damping. */
  maxExampleWeight: number;
  /**
   * Units of one hidden tanh layer between the averaged embedding and the labels; 0 or absent: none
   * (the averaged embedding goes straight to the output layer, as fastText).
   */
  hidden?: number;
}

/** The hidden layer: z = tanh(w^T h + b), w is [dim][units] row-major. */
export interface SubwordHiddenLayer {
  units: number;
  w: number[];
  b: number[];
}

export interface SubwordEmbeddingWeights {
  dim: number;
  /** [feature][dim], row-major. */
  embeddings: Float32Array | Int8Array;
  /** Weight = int8 * embeddingScale (1 for float embeddings). */
  embeddingScale: number;
  /** [dim][label] row-major; [units][label] when there is a hidden layer. */
  output: number[];
  outputBias: number[];
  hidden?: SubwordHiddenLayer;
}

/** The hidden layer over the averaged embedding `h` into `z` (length units); returns z. */
export function hiddenForward(layer: SubwordHiddenLayer, h: Float64Array, z: Float64Array): Float64Array {
  const u = layer.units;
  const w = layer.w;
  for (let k = 0; k < u; k++) z[k] = layer.b[k];
  for (let j = 0; j < h.length; j++) {
    const hj = h[j];
    const row = j * u;
    for (let k = 0; k < u; k++) z[k] += w[row + k] * hj;
  }
  for (let k = 0; k < u; k++) z[k] = Math.tanh(z[k]);
  return z;
}

/** Logits of one featurized text into `out` (length = labels). `hidden` is scratch of length dim. */
export function subwordLogits(
  m: SubwordEmbeddingWeights,
  feats: ArrayLike<number>,
  hidden: Float64Array,
  out: Float64Array,
): Float64Array {
  const d = m.dim;
  const e = m.embeddings;
  const k = m.outputBias.length;
  hidden.fill(0);
  for (let i = 0; i < feats.length; i++) {
    const base = feats[i] * d;
    for (let j = 0; j < d; j++) hidden[j] += e[base + j];
  }
  const s = m.embeddingScale / feats.length;
  for (let j = 0; j < d; j++) hidden[j] *= s;
  const x = m.hidden ? hiddenForward(m.hidden, hidden, new Float64Array(m.hidden.units)) : hidden;
  for (let c = 0; c < k; c++) {
    let v = m.outputBias[c];
    for (let j = 0; j < x.length; j++) v += m.output[j * k + c] * x[j];
    out[c] = v;
  }
  return out;
}

/** Plain SGD with a linearly decaying step, seeded: the same data gives the same weights. */
export function trainSubwordEmbeddings(p: PackedItems, opt: SubwordEmbeddingOptions): SubwordEmbeddingWeights {
  const K = FINE_LABELS.length;
  const D = opt.dim;
  const U = opt.hidden ?? 0;
  const n = p.labels.length;
  const counts = new Float64Array(K);
  for (const l of p.labels) counts[l]++;
  const classW = Array.from(counts, (c) => (c ? (n / (K * c)) ** opt.classBalance : 0));
  const rand = seededRandom(opt.seed);
  const E = new Float32Array(FEATURE_DIM * D);
  for (let i = 0; i < E.length; i++) E[i] = (rand() * 2 - 1) / D;
  // hidden layer (when asked): Glorot-uniform weights, zero bias; drawn after E so E is the same either way
  const W1 = new Float32Array(D * U);
  const glorot = Math.sqrt(6 / (D + U));
  for (let i = 0; i < W1.length; i++) W1[i] = (rand() * 2 - 1) * glorot;
  const b1 = new Float32Array(U);
  const X = U || D; // width of the output layer's input
  const O = new Float32Array(X * K);
  const ob = new Float32Array(K);
  const m: SubwordEmbeddingWeights = { dim: D, embeddings: E, embeddingScale: 1, output: [], outputBias: [] };
  const h = new Float64Array(D);
  const gh = new Float64Array(D);
  const z = new Float64Array(U);
  const gz = new Float64Array(U);
  const sc = new Float64Array(K);
  const order = Array.from({ length: n }, (_, i) => i);
  const total = opt.epochs * n;
  let step = 0;
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const i of order) {
      const lr = opt.learningRate * (1 - step / total);
      step++;
      const s0 = p.offsets[i];
      const s1 = p.offsets[i + 1];
      const len = s1 - s0;
      h.fill(0);
      for (let s = s0; s < s1; s++) {
        const base = p.feats[s] * D;
        for (let j = 0; j < D; j++) h[j] += E[base + j];
      }
      for (let j = 0; j < D; j++) h[j] /= len;
      if (U) {
        for (let k = 0; k < U; k++) z[k] = b1[k];
        for (let j = 0; j < D; j++) for (let k = 0; k < U; k++) z[k] += W1[j * U + k] * h[j];
        for (let k = 0; k < U; k++) z[k] = Math.tanh(z[k]);
      }
      const x = U ? z : h;
      for (let c = 0; c < K; c++) {
        let v = ob[c];
        for (let j = 0; j < X; j++) v += O[j * K + c] * x[j];
        sc[c] = v;
      }
      softmaxInPlace(sc);
      const y = p.labels[i];
      const cw = Math.min(classW[y] * p.weights[i], opt.maxExampleWeight);
      const gx = U ? gz : gh;
      gx.fill(0);
      for (let c = 0; c < K; c++) {
        const g = (sc[c] - (c === y ? 1 : 0)) * cw;
        ob[c] -= lr * g;
        for (let j = 0; j < X; j++) {
          gx[j] += O[j * K + c] * g;
          O[j * K + c] -= lr * g * x[j];
        }
      }
      if (U) {
        // through tanh to the hidden pre-activations, then to the averaged embedding
        gh.fill(0);
        for (let k = 0; k < U; k++) {
          const ga = gz[k] * (1 - z[k] * z[k]);
          b1[k] -= lr * ga;
          for (let j = 0; j < D; j++) {
            gh[j] += W1[j * U + k] * ga;
            W1[j * U + k] -= lr * ga * h[j];
          }
        }
      }
      const step1 = lr / len;
      for (let s = s0; s < s1; s++) {
        const base = p.feats[s] * D;
        for (let j = 0; j < D; j++) E[base + j] -= step1 * gh[j];
      }
    }
  }
  m.output = Array.from(O);
  m.outputBias = Array.from(ob);
  if (U) m.hidden = { units: U, w: Array.from(W1), b: Array.from(b1) };
  return m;
}
