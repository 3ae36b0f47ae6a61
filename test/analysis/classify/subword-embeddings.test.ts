import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnsembleModel } from '../../../src/analysis/classify/ensemble-model.ts';
import { FEATURE_BITS } from '../../../src/analysis/classify/features.ts';
import { LinearModel, quantize } from '../../../src/analysis/classify/linear-model.ts';
import { defaultModel } from '../../../src/analysis/classify/model-files.ts';
import { packItems, type TrainItem, trainSgd } from '../../../src/analysis/classify/sgd.ts';
import { trainSubwordEmbeddings } from '../../../src/analysis/classify/subword-embeddings.ts';
import { FINE_LABELS } from '../../../src/analysis/taxonomy.ts';

// A toy corpus written for this test: two labels, English and Arabic.
const ITEMS: TrainItem[] = [
  ...['the bridge collapsed', 'roads destroyed by the flood', 'the hospital building was damaged', 'انهيار الجسر'].map(
    (text) => ({ text, label: 'infrastructure_and_utility_damage' as const }),
  ),
  ...['praying for everyone', 'our thoughts are with you', 'sending love and prayers', 'قلوبنا معكم'].map((text) => ({
    text,
    label: 'sympathy_and_support' as const,
  })),
];
const opts = { dim: 8, epochs: 200, learningRate: 1, seed: 7, classBalance: 0.5, maxExampleWeight: 10 };

describe('subword embeddings (fastText-style) and the ensemble', () => {
  const packed = packItems(ITEMS);

  it('training is deterministic for a seed', () => {
    const a = trainSubwordEmbeddings(packed, opts);
    const b = trainSubwordEmbeddings(packed, opts);
    assert.deepEqual(
      Buffer.from((a.embeddings as Float32Array).buffer),
      Buffer.from((b.embeddings as Float32Array).buffer),
    );
    assert.deepEqual(a.output, b.output);
  });

  it('learns the toy corpus; the ensemble with int8 embeddings agrees', () => {
    const sub = trainSubwordEmbeddings(packed, opts);
    const lr = trainSgd(ITEMS, { epochs: 20, learningRate: 0.5, l2: 0, seed: 7, classBalance: 0.5 }, packed);
    const ql = quantize(lr.w);
    const qe = quantize(sub.embeddings as Float32Array);
    const linear = new LinearModel(
      { version: 't', featureBits: FEATURE_BITS, labels: [...FINE_LABELS], scale: ql.scale, bias: [...lr.bias] },
      ql.q,
    );
    const offsets = new Array<number>(FINE_LABELS.length).fill(0);
    // subword member alone (linear weight 0), then the mixture
    for (const linearWeight of [0, 0.5]) {
      const m = new EnsembleModel(
        't',
        linear,
        { ...sub, embeddings: qe.q, embeddingScale: qe.scale },
        {
          linearWeight,
          offsets,
        },
      );
      for (const it of ITEMS) assert.equal(m.predict(it.text).label, it.label, `${linearWeight}: ${it.text}`);
    }
  });

  it('with a hidden tanh layer: deterministic, learns the toy corpus, and the int8 ensemble agrees', () => {
    const h = { ...opts, hidden: 6 };
    const a = trainSubwordEmbeddings(packed, h);
    const b = trainSubwordEmbeddings(packed, h);
    assert.ok(a.hidden && a.hidden.units === 6 && a.hidden.w.length === 8 * 6);
    assert.deepEqual(a.hidden, b.hidden);
    assert.equal(a.output.length, 6 * FINE_LABELS.length);
    const qe = quantize(a.embeddings as Float32Array);
    const lr = trainSgd(ITEMS, { epochs: 20, learningRate: 0.5, l2: 0, seed: 7, classBalance: 0.5 }, packed);
    const ql = quantize(lr.w);
    const linear = new LinearModel(
      { version: 't', featureBits: FEATURE_BITS, labels: [...FINE_LABELS], scale: ql.scale, bias: [...lr.bias] },
      ql.q,
    );
    const m = new EnsembleModel(
      't',
      linear,
      { ...a, embeddings: qe.q, embeddingScale: qe.scale },
      {
        linearWeight: 0,
        offsets: new Array<number>(FINE_LABELS.length).fill(0),
      },
    );
    for (const it of ITEMS) assert.equal(m.predict(it.text).label, it.label, it.text);
  });

  it('the committed model is the ensemble and gives a distribution over the labels', () => {
    const m = defaultModel();
    assert.ok(m instanceof EnsembleModel, m.version);
    const p = m.predict('This may be my last message. Goodbye from Aleppo');
    assert.equal(p.label, 'farewell');
    assert.ok(Math.abs(p.probs.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });
});
