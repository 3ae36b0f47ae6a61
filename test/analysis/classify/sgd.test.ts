import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tuneBiasOffsets } from '../../../src/analysis/classify/bias-tuning.ts';
import { FEATURE_BITS } from '../../../src/analysis/classify/features.ts';
import { LinearModel, quantize } from '../../../src/analysis/classify/linear-model.ts';
import { classScores } from '../../../src/analysis/classify/metrics.ts';
import { type TrainItem, trainSgd } from '../../../src/analysis/classify/sgd.ts';
import { FINE_LABELS } from '../../../src/analysis/taxonomy.ts';

// A toy corpus written for this test.
const ITEMS: TrainItem[] = [
  ...[
    'the bridge collapsed',
    'roads destroyed by the flood',
    'power lines down across town',
    'the hospital building was damaged',
    'انهيار الجسر',
    'دمار في الطرق',
  ].map((text) => ({ text, label: 'infrastructure_and_utility_damage' as const })),
  ...[
    'three people killed',
    'two dead and five injured',
    'the death toll rose',
    'many wounded in the blast',
    'مقتل ثلاثة اشخاص',
    'سقوط جرحى',
  ].map((text) => ({ text, label: 'injured_or_dead_people' as const })),
  ...[
    'praying for everyone',
    'our thoughts are with you',
    'stay strong friends',
    'sending love and prayers',
    'اللهم احفظهم',
    'قلوبنا معكم',
  ].map((text) => ({ text, label: 'sympathy_and_support' as const })),
];

const opts = { epochs: 20, learningRate: 0.5, l2: 0, seed: 7, classBalance: 0.5 };

describe('linear model training', () => {
  it('is deterministic for a seed', () => {
    const a = trainSgd(ITEMS, opts);
    const b = trainSgd(ITEMS, opts);
    assert.deepEqual(Buffer.from(a.w.buffer), Buffer.from(b.w.buffer));
    assert.deepEqual([...a.bias], [...b.bias]);
  });

  it('learns the toy corpus and survives int8 quantization', () => {
    const r = trainSgd(ITEMS, opts);
    const { q, scale } = quantize(r.w);
    const m = new LinearModel(
      { version: 't', featureBits: FEATURE_BITS, labels: [...FINE_LABELS], scale, bias: [...r.bias] },
      q,
    );
    const s = classScores(
      ITEMS.map((i) => i.label),
      ITEMS.map((i) => m.predict(i.text).label),
    );
    assert.equal(s.accuracy, 1);
    assert.equal(m.predict('the bridge was destroyed').label, 'infrastructure_and_utility_damage');
    assert.equal(m.predict('مقتل اشخاص').label, 'injured_or_dead_people');
  });

  it('bias tuning never lowers macro-F1 on the tuning set', () => {
    const logits = [
      new Float64Array([1, 0]),
      new Float64Array([0.9, 1]),
      new Float64Array([1, 0.95]),
      new Float64Array([0.2, 1]),
    ];
    const gold = [0, 1, 1, 1];
    const before = classScores(gold.map(String), ['0', '1', '0', '1']).macroF1;
    const t = tuneBiasOffsets(logits, gold, 2);
    assert.ok(t.macroF1 >= before);
    assert.equal(t.macroF1, 1);
  });
});
