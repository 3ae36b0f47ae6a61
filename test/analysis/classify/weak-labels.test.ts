import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { weakLabel } from '../../../src/analysis/classify/weak-labels.ts';

describe('labelling grammar', () => {
  it('one production covers many phrasings', () => {
    for (const t of ['our last message from Aleppo', 'This is my final tweet', 'the last video we can send'])
      assert.equal(weakLabel(t)?.category, 'farewell', t);
    for (const t of [
      'This might be the last time we can write',
      'we may not be able to post again',
      "I won't be able to write anymore",
      'they are hours away from killing us',
      'آخر رسالة منا',
      'رسالتي الأخيرة',
    ])
      assert.equal(weakLabel(t)?.category, 'farewell', t);
  });

  it('going offline, alive and safe, pleas to the world, figures', () => {
    assert.equal(weakLabel('my battery is almost dead')?.category, 'going_offline');
    assert.equal(weakLabel('We will be offline tonight')?.category, 'going_offline');
    assert.equal(weakLabel('ما في نت بالحي')?.category, 'going_offline');
    assert.equal(weakLabel('we are safe now')?.category, 'alive_and_safe');
    assert.equal(weakLabel('all of us are fine')?.category, 'alive_and_safe');
    assert.equal(weakLabel('نحن بخير والحمد لله')?.category, 'alive_and_safe');
    assert.equal(weakLabel('The world must act now')?.category, 'request_for_help');
    assert.equal(weakLabel('ساعدونا')?.category, 'request_for_help');
    assert.equal(weakLabel('At least 82 people were killed')?.category, 'injured_or_dead');
  });

  it('a plea outranks a farewell in one text; ordinary text gets nothing', () => {
    assert.deepEqual(weakLabel('please help us, this may be our last message')?.category, 'request_for_help');
    assert.equal(weakLabel('The market was busy this morning'), undefined);
    assert.equal(weakLabel('the shops were out of bread'), undefined);
  });
});
