/**
 * The ensemble's linear weight, chosen on the DEV sets (never a test split): for each weight, HumAID's
 * class offsets are tuned on HumAID dev (as `npm run train` does), then the new labels' offsets on the
 * conflict dev set (as eval/triage/new-label-offsets.ts does, farewell recall >= 0.85 in each language).
 * Prints conflict dev and HumAID dev; the chosen weight and offsets go into TRAIN_CONFIG by hand.
 *
 *   node --import tsx eval/triage/ensemble-sweep.ts <ensemble model folder> [weights, default 0.3,0.5,0.7]
 */
import { tuneBiasOffsets } from '../../src/analysis/classify/bias-tuning.ts';
import { loadHumaid, sharedDataDir } from '../../src/analysis/classify/corpora.ts';
import { EnsembleModel } from '../../src/analysis/classify/ensemble-model.ts';
import { classScores } from '../../src/analysis/classify/metrics.ts';
import { loadTriageModel } from '../../src/analysis/classify/model-files.ts';
import { FINE_LABELS, HUMAID_CLASS_COUNT as H } from '../../src/analysis/taxonomy.ts';
import { evalConflict } from './conflict.ts';

const data = sharedDataDir();
if (!data) throw new Error('../shared/data not found');
const ens = loadTriageModel(process.argv[2] ?? '');
if (!(ens instanceof EnsembleModel)) throw new Error(`${process.argv[2]}: not an ensemble model`);
const hdev = loadHumaid(data, 'dev');
const gold = hdev.map((e) => FINE_LABELS.indexOf(e.label));
const K = FINE_LABELS.length;

for (const w of (process.argv[3] ?? '0.3,0.5,0.7').split(',').map(Number)) {
  const base = new EnsembleModel(ens.version, ens.linear, ens.subword, {
    linearWeight: w,
    offsets: new Array<number>(K).fill(0),
  });
  const tuned = tuneBiasOffsets(
    hdev.map((e) => base.scores(e.text).slice(0, H)),
    gold,
    H,
  );
  const off = [...tuned.offsets, ...new Array<number>(K - H).fill(0)];
  const score = (o: number[]) => {
    const c = evalConflict('dev', { model: base.withOffsets(o) });
    if (!c) throw new Error('eval/conflict/dev.jsonl missing');
    const ok = c.byLang.en.perClass.farewell.recall >= 0.85 && c.byLang.ar.perClass.farewell.recall >= 0.85;
    return { c, macro: ok ? c.all.macroF1 : -1 };
  };
  let best = score(off);
  for (let round = 0; round < 2; round++)
    for (let j = H; j < K; j++) {
      let bestV = off[j];
      for (let v = -3; v <= 1.001; v += 0.25) {
        const s = score(off.map((x, i) => (i === j ? v : x)));
        if (s.macro > best.macro + 1e-9) {
          best = s;
          bestV = v;
        }
      }
      off[j] = bestV;
    }
  const final = base.withOffsets(off);
  const hd = classScores(
    hdev.map((e) => e.label),
    hdev.map((e) => final.predictAmong(e.text, H).label),
    FINE_LABELS.slice(0, H),
  );
  const c = best.c;
  const f = (x: number) => x.toFixed(3);
  console.log(
    `linear weight ${w}: new-label offsets ${FINE_LABELS.slice(H)
      .map((l, i) => `${l} ${off[H + i]}`)
      .join(
        ', ',
      )}; conflict dev macro-F1 ${f(c.all.macroF1)} (en ${f(c.byLang.en.macroF1)}, ar ${f(c.byLang.ar.macroF1)}), farewell recall en ${f(c.byLang.en.perClass.farewell.recall)}, ar ${f(c.byLang.ar.perClass.farewell.recall)}; HumAID dev macro-F1 ${hd.macroF1.toFixed(4)}`,
  );
}
