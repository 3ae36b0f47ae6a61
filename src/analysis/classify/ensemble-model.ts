import { FINE_LABELS, HUMAID_CLASS_COUNT } from '../taxonomy.ts';
import { FEATURE_DIM, featurize } from './features.ts';
import { type LinearModel, type Prediction, softmaxInPlace } from './linear-model.ts';
import { hiddenForward, type SubwordEmbeddingWeights, subwordLogits } from './subword-embeddings.ts';
import type { TriageModel } from './triage-model.ts';

export interface EnsembleMeta {
  /** p = linearWeight * p(linear) + (1 - linearWeight) * p(subword embeddings), for HumAID's classes. */
  linearWeight: number;
  /**
   * The same for the labels only the team's data teaches (farewell, alive/safe, going offline); then p is
   * renormalized. Default linearWeight.
   */
  newLabelLinearWeight?: number;
  /** Added to log p per label: HumAID's classes tuned on HumAID dev, the new labels on the conflict dev set. */
  offsets: number[];
}

const ROW = 32;

function interleave(linear: LinearModel, subword: SubwordEmbeddingWeights): Int8Array | undefined {
  const lw = linear.weights;
  const e = subword.embeddings;
  if (!(lw instanceof Int8Array) || !(e instanceof Int8Array) || linear.k + subword.dim > ROW) return undefined;
  const k = linear.k;
  const d = subword.dim;
  const t = new Int8Array(FEATURE_DIM * ROW);
  for (let f = 0; f < FEATURE_DIM; f++) {
    t.set(lw.subarray(f * k, f * k + k), f * ROW);
    t.set(e.subarray(f * d, f * d + d), f * ROW + k);
  }
  return t;
}

/**
 * The linear model and the subword-embedding model (subword-embeddings.ts) averaged in probability,
 * over one featurize pass. Scores are log-probabilities of the mixture plus per-label offsets.
 */
export class EnsembleModel implements TriageModel {
  readonly k = FINE_LABELS.length;
  private readonly feats: number[] = [];
  private readonly hidden: Float64Array;
  /** The subword member's hidden-layer output (empty without one). */
  private readonly z: Float64Array;
  private readonly sub: Float64Array;
  private readonly accL: Int32Array;
  private readonly accS: Int32Array;

  constructor(
    readonly version: string,
    readonly linear: LinearModel,
    readonly subword: SubwordEmbeddingWeights,
    readonly meta: EnsembleMeta,
    /**
     * Both int8 tables in one, ROW bytes per feature (the linear weights, then the embedding): a feature
     * costs one cache line instead of two, which is most of the time a message takes here.
     */
    private readonly table = interleave(linear, subword),
  ) {
    this.hidden = new Float64Array(subword.dim);
    this.z = new Float64Array(subword.hidden?.units ?? 0);
    this.sub = new Float64Array(this.k);
    this.accL = new Int32Array(this.k);
    this.accS = new Int32Array(subword.dim);
  }

  /** The same members with other offsets (offset tuning). */
  withOffsets(offsets: number[]): EnsembleModel {
    return new EnsembleModel(this.version, this.linear, this.subword, { ...this.meta, offsets }, this.table);
  }

  /** Both members' logits of one featurized text: out (linear), this.sub (subword). Same sums as each alone. */
  private memberLogits(f: number[], out: Float64Array): void {
    const t = this.table;
    if (!t) {
      this.linear.scoresOfFeatures(f, out);
      subwordLogits(this.subword, f, this.hidden, this.sub);
      return;
    }
    const k = this.k;
    const d = this.subword.dim;
    const accL = this.accL;
    const accS = this.accS;
    accL.fill(0);
    accS.fill(0);
    if (k === 13 && d === 16) sumRows13x16(t, f, accL, accS);
    else
      for (let i = 0; i < f.length; i++) {
        const base = f[i] * ROW;
        for (let j = 0; j < k; j++) accL[j] += t[base + j];
        const e = base + k;
        for (let j = 0; j < d; j++) accS[j] += t[e + j];
      }
    const lm = this.linear.meta;
    const s = lm.scale / Math.sqrt(f.length);
    for (let j = 0; j < k; j++) out[j] = accL[j] * s + lm.bias[j];
    const h = this.hidden;
    const hs = this.subword.embeddingScale / f.length;
    for (let j = 0; j < d; j++) h[j] = accS[j] * hs;
    const x = this.subword.hidden ? hiddenForward(this.subword.hidden, h, this.z) : h;
    const w = this.subword.output;
    for (let c = 0; c < k; c++) {
      let v = this.subword.outputBias[c];
      for (let j = 0; j < x.length; j++) v += w[j * k + c] * x[j];
      this.sub[c] = v;
    }
  }

  scores(text: string, out: Float64Array = new Float64Array(this.k)): Float64Array {
    const f = featurize(text, this.feats, this.linear.meta.features);
    this.memberLogits(f, out);
    softmaxInPlace(out);
    const sub = this.sub;
    softmaxInPlace(sub);
    const a = this.meta.linearWeight;
    const b = this.meta.newLabelLinearWeight ?? a;
    let sum = 0;
    for (let j = 0; j < this.k; j++) {
      const w = j < HUMAID_CLASS_COUNT ? a : b;
      out[j] = w * out[j] + (1 - w) * sub[j];
      sum += out[j];
    }
    for (let j = 0; j < this.k; j++) out[j] = Math.log(out[j] / sum + 1e-12) + this.meta.offsets[j];
    return out;
  }

  predict(text: string): Prediction {
    return this.predictAmong(text, this.k);
  }

  predictAmong(text: string, n: number): Prediction {
    const probs = this.scores(text);
    softmaxInPlace(probs);
    let best = 0;
    for (let j = 1; j < n; j++) if (probs[j] > probs[best]) best = j;
    return { label: FINE_LABELS[best], confidence: probs[best], probs };
  }
}

/**
 * The row sums for 13 labels and 16 dimensions (the shipped model) with the sums in locals: V8 keeps them
 * in registers, where the loop over typed-array accumulators spent half the time of a message on stores.
 */
function sumRows13x16(t: Int8Array, f: number[], accL: Int32Array, accS: Int32Array): void {
  let l0 = 0,
    l1 = 0,
    l2 = 0,
    l3 = 0,
    l4 = 0,
    l5 = 0,
    l6 = 0,
    l7 = 0,
    l8 = 0,
    l9 = 0,
    l10 = 0,
    l11 = 0,
    l12 = 0;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0,
    s6 = 0,
    s7 = 0,
    s8 = 0,
    s9 = 0,
    s10 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0,
    s14 = 0,
    s15 = 0;
  for (let i = 0; i < f.length; i++) {
    const b = f[i] * ROW;
    l0 += t[b + 0];
    l1 += t[b + 1];
    l2 += t[b + 2];
    l3 += t[b + 3];
    l4 += t[b + 4];
    l5 += t[b + 5];
    l6 += t[b + 6];
    l7 += t[b + 7];
    l8 += t[b + 8];
    l9 += t[b + 9];
    l10 += t[b + 10];
    l11 += t[b + 11];
    l12 += t[b + 12];
    s0 += t[b + 13];
    s1 += t[b + 14];
    s2 += t[b + 15];
    s3 += t[b + 16];
    s4 += t[b + 17];
    s5 += t[b + 18];
    s6 += t[b + 19];
    s7 += t[b + 20];
    s8 += t[b + 21];
    s9 += t[b + 22];
    s10 += t[b + 23];
    s11 += t[b + 24];
    s12 += t[b + 25];
    s13 += t[b + 26];
    s14 += t[b + 27];
    s15 += t[b + 28];
  }
  accL[0] = l0;
  accL[1] = l1;
  accL[2] = l2;
  accL[3] = l3;
  accL[4] = l4;
  accL[5] = l5;
  accL[6] = l6;
  accL[7] = l7;
  accL[8] = l8;
  accL[9] = l9;
  accL[10] = l10;
  accL[11] = l11;
  accL[12] = l12;
  accS[0] = s0;
  accS[1] = s1;
  accS[2] = s2;
  accS[3] = s3;
  accS[4] = s4;
  accS[5] = s5;
  accS[6] = s6;
  accS[7] = s7;
  accS[8] = s8;
  accS[9] = s9;
  accS[10] = s10;
  accS[11] = s11;
  accS[12] = s12;
  accS[13] = s13;
  accS[14] = s14;
  accS[15] = s15;
}
