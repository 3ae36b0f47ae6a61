import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCasualties } from '../../../src/analysis/extract/casualties.ts';

describe('extractCasualties', () => {
  it('reads a toll with an "including" list in English', () => {
    assert.deepEqual(
      extractCasualties('Barrel bombs hit the market, killing at least 82 people including 11 women and 13 children.'),
      [
        { kind: 'killed', count: 82, group: 'people' },
        { kind: 'killed', count: 11, group: 'women' },
        { kind: 'killed', count: 13, group: 'children' },
      ],
    );
  });

  it('reads Arabic-Indic digits and بينهم', () => {
    assert.deepEqual(extractCasualties('استشهاد ٣٠ مدنياً بينهم ٧ أطفال في قصف على حي الشعار'), [
      { kind: 'killed', count: 30, group: 'civilians' },
      { kind: 'killed', count: 7, group: 'children' },
    ]);
  });

  it('reads number words, Arabic compounds and duals', () => {
    assert.deepEqual(extractCasualties('Five people were killed and twenty-five others wounded'), [
      { kind: 'killed', count: 5, group: 'people' },
      { kind: 'injured', count: 25, group: 'people' },
    ]);
    assert.deepEqual(extractCasualties('مقتل خمسة وعشرين شخصا واصابة العشرات'), [
      { kind: 'killed', count: 25, group: 'people' },
    ]);
    assert.deepEqual(extractCasualties('استشهاد طفلين في غارة على الحي'), [
      { kind: 'killed', count: 2, group: 'children' },
    ]);
    assert.deepEqual(extractCasualties('٣٠٠٠ جريح و ٥٠ شهيد'), [
      { kind: 'injured', count: 3000 },
      { kind: 'killed', count: 50 },
    ]);
  });

  it('reads missing people', () => {
    assert.deepEqual(extractCasualties('12 people are still missing under the rubble'), [
      { kind: 'missing', count: 12, group: 'people' },
    ]);
  });

  it('ignores years, times, weapons, vague plurals and combatants', () => {
    assert.deepEqual(extractCasualties('The death toll rose to 45. 3 airstrikes hit at 5 pm on 12 December 2016.'), [
      { kind: 'killed', count: 45 },
    ]);
    assert.deepEqual(extractCasualties('Hundreds of people were killed'), []);
    assert.deepEqual(extractCasualties('A suicide bomber killed 25 soldiers at the checkpoint'), []);
    assert.deepEqual(extractCasualties('We are safe, thank you all'), []);
    assert.deepEqual(extractCasualties('the fighting killed nearly 300 fighters and displaced 100000 civilians'), []);
    assert.deepEqual(extractCasualties('Raids on a market kill 21, hundreds flee'), [{ kind: 'killed', count: 21 }]);
  });

  it('a head figure whose verb comes after its list: 82 people, 11 women and 13 children killed, in either language', () => {
    const want = [
      { kind: 'killed', count: 82, group: 'people' },
      { kind: 'killed', count: 11, group: 'women' },
      { kind: 'killed', count: 13, group: 'children' },
    ];
    for (const t of [
      'At least 82 people including 11 women and 13 children were killed in the bombardment',
      'Medics say at least 82 people, including 11 women and 13 children, were killed, and more than 150 were wounded.',
      '82 شخصا على الأقل بينهم 11 امرأة و13 طفلا قتلوا في القصف',
      'ما لا يقل عن ٨٢ شخصاً، بينهم ١١ امرأة و١٣ طفلاً، لقوا حتفهم',
    ])
      assert.deepEqual(extractCasualties(t).slice(0, 3), want, t);
    assert.deepEqual(
      extractCasualties(
        'at least 82 people, including 11 women and 13 children, were killed, and more than 150 were wounded',
      )[3],
      { kind: 'injured', count: 150 },
    );
  });
  it('a figure with a list but no casualty word anywhere is no casualty', () => {
    assert.deepEqual(extractCasualties('82 people including 11 women and 13 children attended the wedding'), []);
  });
});
