import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Prediction } from '../../src/analysis/classify/linear-model.ts';
import { combine } from '../../src/analysis/combine.ts';
import { detect } from '../../src/analysis/detectors.ts';
import { FINE_LABELS } from '../../src/analysis/taxonomy.ts';

const model = (label: (typeof FINE_LABELS)[number], confidence = 0.6): Prediction => ({
  label,
  confidence,
  probs: new Float64Array(FINE_LABELS.length),
});

// Examples written for Vigil: farewells, alive/safe updates and pleas in Arabic and English.
const FAREWELLS = [
  'This may be my last message. Pray for us. Goodbye.',
  'If we die tonight, remember us. Forgive me everyone.',
  'ربما تكون هذه آخر رسالة مني، سامحونا',
  'وداعاً يا أصدقائي، القصف لا يتوقف',
  // "last" + a chance to write, without farewell words
  'this might be the last time we can write',
  'قد تكون هذه آخر مرة نستطيع فيها الكتابة',
  'يمكن هي آخر مرة منقدر نحكي معكن',
  // Arabizi (Levantine in Latin letters)
  'sam7ona ya jama3a, el 2asf ma wa2af',
  'Sam7ouni kelkon, hayda a5er risale menne',
  'la tensona ya shabab',
];
const ALIVE = [
  'We are alive, we made it to the shelter',
  "I'm safe, thank you all for asking",
  'نحن بخير والحمد لله، ما زلنا أحياء',
  'انا بخير، طمنوا أهلي',
];
const PLEAS = [
  'Please help, my family is trapped under the rubble',
  'We need an ambulance now, my brother is bleeding',
  'ساعدونا، عائلة كاملة تحت الأنقاض',
  'نداء استغاثة: نحتاج إلى طبيب فوراً',
];

describe('rule detectors combined with the model', () => {
  it('farewells come first, whatever the model says', () => {
    for (const t of FAREWELLS)
      assert.equal(combine(model('sympathy_and_support', 0.9), detect(t), []).category, 'farewell', t);
  });

  it('"the last time" about the past is not a farewell', () => {
    for (const t of ['The last time I wrote to her was a week ago', 'آخر مرة كتبت لأمي كانت قبل أسبوع'])
      assert.equal(detect(t).farewell, 0, t);
  });

  it('alive/safe updates written in the first person', () => {
    for (const t of ALIVE)
      assert.equal(combine(model('other_relevant_information'), detect(t), []).category, 'alive_and_safe', t);
    assert.notEqual(
      combine(model('other_relevant_information'), detect('Reports say the convoy is safe'), []).category,
      'alive_and_safe',
    );
  });

  it('pleas become requests for help, urgent and eyewitness', () => {
    for (const t of PLEAS) {
      const r = combine(model('other_relevant_information'), detect(t), []);
      assert.equal(r.category, 'request_for_help', t);
      assert.ok(r.urgency >= 0.7, t);
    }
    assert.equal(
      combine(model('not_humanitarian'), detect('Please help, we are trapped in our building right now'), [])
        .eyewitness,
      true,
    );
  });

  it('ceasefire news lifts a weak category; casualty figures lift to injured_or_dead', () => {
    assert.equal(
      combine(model('other_relevant_information'), detect('وقف إطلاق النار يبدأ الليلة'), []).category,
      'evacuation_or_ceasefire',
    );
    assert.equal(
      combine(model('caution_and_advice'), detect('x'), [{ kind: 'killed', count: 3 }]).category,
      'injured_or_dead',
    );
  });

  it('urgency stays in 0..1 and not_relevant is calm', () => {
    const r = combine(model('not_humanitarian', 0.99), detect('what a match last night'), []);
    assert.equal(r.category, 'not_relevant');
    assert.ok(r.urgency < 0.1);
  });
});
