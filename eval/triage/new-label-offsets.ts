/**
 * Offsets for the three labels only the team's data teaches (farewell, alive_and_safe, going_offline),
 * chosen on the conflict DEV set: coordinate ascent on a fixed grid for macro-F1 (full triage, model +
 * rules), subject to farewell recall >= 0.85 in each language. The offsets are on top of the committed
 * model's, which already hold TRAIN_CONFIG.newLabelOffsets (src/analysis/classify/train-config.ts):
 * "chosen" all 0 means the committed offsets are the dev optimum; otherwise add them there by hand.
 *
 *   node --import tsx eval/triage/new-label-offsets.ts [model folder]
 */
import { EnsembleModel } from '../../src/analysis/classify/ensemble-model.ts';
import { LinearModel } from '../../src/analysis/classify/linear-model.ts';
import { defaultModel, loadTriageModel } from '../../src/analysis/classify/model-files.ts';
import type { TriageModel } from '../../src/analysis/classify/triage-model.ts';
import { FINE_LABELS } from '../../src/analysis/taxonomy.ts';
import { evalConflict } from './conflict.ts';

const NEW = ['farewell', 'alive_and_safe', 'going_offline'] as const;
const base = process.argv[2] ? loadTriageModel(process.argv[2]) : defaultModel();

/** The model with `off` added to the new labels' offsets (the linear model's bias, or the ensemble's offsets). */
function shifted(off: Record<string, number>): TriageModel {
  const add = (xs: number[]) => xs.map((x, j) => x + (off[FINE_LABELS[j]] ?? 0));
  if (base instanceof EnsembleModel) return base.withOffsets(add(base.meta.offsets));
  if (base instanceof LinearModel) return new LinearModel({ ...base.meta, bias: add(base.meta.bias) }, base.weights);
  throw new Error('unknown model kind');
}

function scoreWith(off: Record<string, number>) {
  const c = evalConflict('dev', { model: shifted(off) });
  if (!c) throw new Error('eval/conflict/dev.jsonl missing');
  const f = (s: typeof c.all) => s.perClass.farewell;
  return {
    macro: c.all.macroF1,
    en: c.byLang.en.macroF1,
    ar: c.byLang.ar.macroF1,
    fwP: f(c.all).precision,
    fwRen: f(c.byLang.en).recall,
    fwRar: f(c.byLang.ar).recall,
    fwPen: f(c.byLang.en).precision,
    fwPar: f(c.byLang.ar).precision,
  };
}

const fmt = (o: Record<string, number>, s: ReturnType<typeof scoreWith>) =>
  `${NEW.map((l) => `${l} ${(o[l] ?? 0).toFixed(2)}`).join(', ')}: macro-F1 ${s.macro.toFixed(3)} (en ${s.en.toFixed(3)}, ar ${s.ar.toFixed(3)}); farewell P ${s.fwP.toFixed(3)} (en ${s.fwPen.toFixed(3)}, ar ${s.fwPar.toFixed(3)}), R en ${s.fwRen.toFixed(3)}, ar ${s.fwRar.toFixed(3)}`;

const ok = (s: ReturnType<typeof scoreWith>) => s.fwRen >= 0.85 && s.fwRar >= 0.85;
const off: Record<string, number> = { farewell: 0, alive_and_safe: 0, going_offline: 0 };
let best = scoreWith(off);
console.log(`start  ${fmt(off, best)}`);
// a start that misses the recall floor is beaten by any setting that meets it
if (!ok(best)) best = { ...best, macro: -1 };
for (let round = 0; round < 2; round++) {
  for (const l of NEW) {
    let bestV = off[l];
    for (let v = -3; v <= 1.001; v += 0.25) {
      const s = scoreWith({ ...off, [l]: v });
      if (ok(s) && s.macro > best.macro + 1e-9) {
        best = s;
        bestV = v;
      }
    }
    off[l] = bestV;
  }
}
console.log(`chosen ${fmt(off, best)}`);
