/**
 * The three new labels' offsets on a grid (farewell -0.5..+1.5, alive_and_safe and going_offline -1..+1, steps of
 * 0.25, added to the model's own), each setting scored on the conflict DEV set and on the demo: the settings that
 * keep farewell recall >= 0.85 in both languages, the fewest demo posts called farewells among them, and the best
 * dev macro-F1 with at most `maxDemo` of them (issue 12, fifth pass). The model's log-probabilities are computed
 * once per text; only the offsets change.
 *
 *   node --import tsx eval/triage/offsets-demo-grid.ts <model folder> [maxDemo, default 12]
 */
import { triageText } from '../../src/analysis/analyze.ts';
import { EnsembleModel } from '../../src/analysis/classify/ensemble-model.ts';
import type { Prediction } from '../../src/analysis/classify/linear-model.ts';
import { loadTriageModel } from '../../src/analysis/classify/model-files.ts';
import type { TriageModel } from '../../src/analysis/classify/triage-model.ts';
import { FINE_LABELS } from '../../src/analysis/taxonomy.ts';
import { generateDemo } from '../../src/demo/generate.ts';
import { evalConflict } from './conflict.ts';

const base = loadTriageModel(process.argv[2] ?? '');
if (!(base instanceof EnsembleModel)) throw new Error('an ensemble model folder is needed');
const maxDemo = Number(process.argv[3] ?? 12);
const cache = new Map<string, Float64Array>();

/** The model with `delta` added to its log-probabilities (what EnsembleModel.withOffsets does), cached per text. */
function shifted(delta: number[]): TriageModel {
  const scores = (text: string): Float64Array => {
    let s = cache.get(text);
    if (!s) {
      s = base.scores(text).slice();
      cache.set(text, s);
    }
    return s.map((x, i) => x + delta[i]);
  };
  const predictAmong = (text: string, n: number): Prediction => {
    const p = scores(text);
    const m = Math.max(...p);
    let z = 0;
    for (let i = 0; i < p.length; i++) {
      p[i] = Math.exp(p[i] - m);
      z += p[i];
    }
    for (let i = 0; i < p.length; i++) p[i] /= z;
    let b = 0;
    for (let j = 1; j < n; j++) if (p[j] > p[b]) b = j;
    return { label: FINE_LABELS[b], confidence: p[b], probs: p };
  };
  return {
    version: base.version,
    scores,
    predict: (t) => predictAmong(t, FINE_LABELS.length),
    predictAmong,
  };
}

const demo = generateDemo().messages.map((m) => m.text);
const [F, A, O] = (['farewell', 'alive_and_safe', 'going_offline'] as const).map((l) => FINE_LABELS.indexOf(l));
const steps = (from: number, to: number) => Array.from({ length: (to - from) / 0.25 + 1 }, (_, i) => from + i * 0.25);
const kept: { line: string; macro: number; demo: number }[] = [];
for (const f of steps(-0.5, 1.5))
  for (const a of steps(-1, 1))
    for (const o of steps(-1, 1)) {
      const delta = new Array<number>(FINE_LABELS.length).fill(0);
      delta[F] = f;
      delta[A] = a;
      delta[O] = o;
      const model = shifted(delta);
      const c = evalConflict('dev', { model });
      if (!c) throw new Error('eval/conflict/dev.jsonl missing');
      const ren = c.byLang.en.perClass.farewell.recall;
      const rar = c.byLang.ar.perClass.farewell.recall;
      if (ren < 0.85 || rar < 0.85) continue;
      const n = demo.filter((t) => triageText(t, { model }).category === 'farewell').length;
      kept.push({
        macro: c.all.macroF1,
        demo: n,
        line: `farewell ${f}, alive_and_safe ${a}, going_offline ${o}: dev macro-F1 ${c.all.macroF1.toFixed(3)} (en ${c.byLang.en.macroF1.toFixed(3)}, ar ${c.byLang.ar.macroF1.toFixed(3)}, arabizi ${(c.byVariety.arabizi?.macroF1 ?? 0).toFixed(3)}), farewell recall en ${ren.toFixed(3)}, ar ${rar.toFixed(3)}; demo posts called farewell ${n}`,
      });
    }
{
  // the model as it is (no offsets added): the row a candidate is judged on first
  const model = shifted(new Array<number>(FINE_LABELS.length).fill(0));
  const c = evalConflict('dev', { model });
  const n = demo.filter((t) => triageText(t, { model }).category === 'farewell').length;
  console.log(
    `at the model's own offsets: dev macro-F1 ${c?.all.macroF1.toFixed(3)}, farewell recall en ${c?.byLang.en.perClass.farewell.recall.toFixed(3)}, ar ${c?.byLang.ar.perClass.farewell.recall.toFixed(3)}; demo posts called farewell ${n}`,
  );
}
console.log(`${kept.length} settings keep farewell recall >= 0.85 in both languages`);
if (kept.length) {
  const fewest = Math.min(...kept.map((k) => k.demo));
  console.log(`fewest demo posts called farewell among them: ${fewest}`);
  for (const k of kept.filter((x) => x.demo === fewest)) console.log(`  ${k.line}`);
  const ok = kept.filter((k) => k.demo <= maxDemo).sort((x, y) => y.macro - x.macro);
  console.log(`best dev macro-F1 with at most ${maxDemo} demo farewell posts: ${ok.length ? ok[0].line : 'none'}`);
}
