import { join } from 'node:path';
import { analyzeMessage, prepareAnalysis } from '../src/analysis/analyze.ts';
import { readConflictTraining } from '../src/analysis/classify/conflict-data.ts';
import { defaultModel, hasDefaultModel, MODELS_DIR } from '../src/analysis/classify/model-files.ts';
import { detectLanguage } from '../src/analysis/language.ts';

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
  /** Issue 12: the whole analysis of a message, one core. */
  target: number;
  classifierPerSecond: number;
  wholeStagePerSecond: number;
  messages: number;
  modelVersion: string;
  /**
   * Resident memory kept per language detection that reaches fastText (Arabizi, emoji, short Latin text), over
   * 200,000 of them: its results live on the wasm heap and must be freed (src/analysis/language.ts); ~0 when they are.
   */
  languageBytesKeptPerCall: number;
}

/** RSS growth per fastText detection over `n` of them, after a warm-up that lets the heaps settle. */
function languageBytesKept(n = 200_000): number {
  const texts = [
    'ana bkhair, ma t2la2o ya jama3a',
    'khalas ya shabab sam7ona 🙏',
    'el 2asf ma wa2af men mbere7',
    'hi 👋',
  ];
  const run = (count: number) => {
    for (let i = 0; i < count; i++) detectLanguage(`${texts[i % texts.length]} ${i % 97}`);
  };
  run(50_000);
  const before = process.memoryUsage().rss;
  run(n);
  return Math.max(0, Math.round((process.memoryUsage().rss - before) / n));
}

/** Messages per second on one core: the classifier alone, and the whole analysis of a message. */
export async function benchAnalysis(n = 50_000): Promise<AnalysisBench | undefined> {
  if (!hasDefaultModel()) return undefined;
  await prepareAnalysis();
  const model = defaultModel();
  // vary the texts a little (a letter tag, not digits, which would change what the extractors do)
  const tag = (i: number) => String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26));
  // The team's own siege messages (models/data/conflict: English, MSA, Levantine, Arabizi, of real
  // lengths) with the samples above, so the rate is not that of ten short texts.
  const team = readConflictTraining(join(MODELS_DIR, 'data', 'conflict')).map((c) => c.text);
  const pool = [...SAMPLES, ...team];
  const texts = Array.from({ length: Math.max(1000, pool.length) }, (_, i) => `${pool[i % pool.length]} #${tag(i)}`);
  const posted = '2016-12-13T14:00:00+02:00';
  const classify = (i: number) => model.predict(texts[i % texts.length]);
  const whole = (i: number) => analyzeMessage({ text: texts[i % texts.length], postedAt: posted });
  rate(20_000, classify);
  rate(20_000, whole);
  // the median of three rounds: the machine is shared, single rounds wander
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  const classifierPerSecond = median([0, 1, 2].map(() => rate(n, classify)));
  const wholeStagePerSecond = median([0, 1, 2].map(() => rate(Math.round(n / 4), whole)));
  return {
    target: 20_000,
    classifierPerSecond,
    wholeStagePerSecond,
    messages: n,
    modelVersion: model.version,
    languageBytesKeptPerCall: languageBytesKept(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAnalysis();
  console.log(r ?? 'no model in models/: run npm run train');
}
