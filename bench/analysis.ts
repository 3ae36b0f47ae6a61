import { analyzeMessage, prepareAnalysis } from '../src/analysis/analyze.ts';
import { defaultModel, hasDefaultModel } from '../src/analysis/classify/model-files.ts';

/** Synthetic posts written for the bench (no dataset text): Arabic and English, short and long. */
const SAMPLES = [
  'We are trapped in the basement of our building in al-Shaar, please help us, my brother is bleeding',
  'استشهاد ٣٠ مدنياً بينهم ٧ أطفال في قصف على حي الشعار صباح اليوم',
  'Airstrikes hit the last hospital in eastern Aleppo, killing at least 12 people including 3 children',
  'نحن بخير والحمد لله، ما زلنا أحياء في حي السكري',
  'This may be my last message. Pray for us. Goodbye from Aleppo',
  'Ceasefire announced for tonight, evacuation buses expected at Ramouseh at 5 pm',
  'اللهم احفظ أهلنا في حلب',
  'Road to the airport closed because of flooding, avoid the area',
  'Just watched the match, what a game!',
  'قصف عنيف بالبراميل المتفجرة على طريق الباب والصاخور منذ ساعة، لا يوجد إسعاف',
];

/** Messages per CPU-second of this thread (user + system), so a busy machine does not skew it. */
function rate(n: number, fn: (i: number) => void): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const c = process.cpuUsage(c0);
  return Math.round(n / ((c.user + c.system) / 1e6));
}

export interface AnalysisBench {
  classifierPerSecond: number;
  wholeStagePerSecond: number;
  messages: number;
  modelVersion: string;
}

/** Messages per second on one core: the classifier alone, and the whole analysis of a message. */
export async function benchAnalysis(n = 50_000): Promise<AnalysisBench | undefined> {
  if (!hasDefaultModel()) return undefined;
  await prepareAnalysis();
  const model = defaultModel();
  // vary the texts a little (a letter tag, not digits, which would change what the extractors do)
  const tag = (i: number) => String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26));
  const texts = Array.from({ length: 1000 }, (_, i) => `${SAMPLES[i % SAMPLES.length]} #${tag(i)}`);
  const posted = '2016-12-13T14:00:00+02:00';
  const classify = (i: number) => model.predict(texts[i % texts.length]);
  const whole = (i: number) => analyzeMessage({ text: texts[i % texts.length], postedAt: posted });
  rate(20_000, classify);
  rate(20_000, whole);
  // the median of three rounds: the machine is shared, single rounds wander
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  const classifierPerSecond = median([0, 1, 2].map(() => rate(n, classify)));
  const wholeStagePerSecond = median([0, 1, 2].map(() => rate(Math.round(n / 4), whole)));
  return { classifierPerSecond, wholeStagePerSecond, messages: n, modelVersion: model.version };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAnalysis();
  console.log(r ?? 'no model in models/: run npm run train');
}
