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

  it('hears a besieged city (issue 12): farewells without farewell words, pleas to the world, offline notices, alive and safe', () => {
    const cases: [string, string][] = [
      ['It is almost over. Whatever happens tonight, I will never forget you.', 'farewell'],
      ['The world must act now, please.', 'request_for_help'],
      ['I am offline because every street is being shelled and there is no way to charge.', 'going_offline'],
      ['We are alive, we moved to a safer basement, all of us are fine.', 'alive_and_safe'],
      ['ربما تكون هذه آخر مرة نستطيع فيها الكتابة. لن ننساكم', 'farewell'],
      ['على العالم أن يتحرك الآن، أرجوكم', 'request_for_help'],
      ['البطارية على وشك النفاد ولا يوجد إنترنت، سأغيب فترة', 'going_offline'],
      ['نحن بخير، انتقلنا إلى قبو أكثر أماناً وكلنا سالمين', 'alive_and_safe'],
    ];
    for (const [text, want] of cases) assert.equal(analyzeMessage({ text }).category, want, text);
  });
});
