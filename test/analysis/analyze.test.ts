import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeMessage, prepareAnalysis } from '../../src/analysis/analyze.ts';
import { Analysis } from '../../src/core/analysis.ts';

describe('analyzeMessage (committed model)', () => {
  before(async () => {
    await prepareAnalysis();
  });

  it('prints exactly the documented shape', () => {
    const a = analyzeMessage({
      text: 'استشهاد ٣٠ مدنياً بينهم ٧ أطفال في قصف على حي الشعار صباح اليوم',
      postedAt: '2016-12-13T14:00:00+02:00',
    });
    assert.deepEqual(
      Object.keys(a).sort(),
      ['casualties', 'category', 'confidence', 'dates', 'flags', 'language', 'modelVersion', 'places'].sort(),
    );
    Analysis.parse(a);
    assert.equal(a.language, 'ar');
    assert.deepEqual(a.casualties, [
      { kind: 'killed', count: 30, group: 'civilians' },
      { kind: 'killed', count: 7, group: 'children' },
    ]);
    assert.deepEqual(
      a.places.map((p) => p.name),
      ['Al-Shaar'],
    );
    assert.equal(a.category, 'injured_or_dead');
    assert.equal(a.dates[0]?.start.slice(0, 10), '2016-12-13');
  });

  it('puts a plea and a farewell above news and chatter', () => {
    const plea = analyzeMessage({
      text: 'Please help us, we are trapped in the basement of our building in al-Sukkari',
    });
    const bye = analyzeMessage({ text: 'This may be my last message. Goodbye from Aleppo' });
    const chat = analyzeMessage({ text: 'What a match last night, congratulations to the team' });
    assert.equal(plea.category, 'request_for_help');
    assert.equal(plea.flags.eyewitness, true);
    assert.equal(bye.category, 'farewell');
    assert.ok(bye.flags.urgency > chat.flags.urgency && plea.flags.urgency > chat.flags.urgency);
  });

  it('respects a given language', () => {
    assert.equal(analyzeMessage({ text: 'hello', lang: 'en' }).language, 'en');
  });
});
