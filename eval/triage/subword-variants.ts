/**
 * Subword-model variants next to the committed linear model, scored on the DEV sets only (conflict dev,
 * HumAID dev). The linear member is the committed one (models/triage.i8.gz, which `npm run train`
 * reproduces byte for byte from TRAIN_CONFIG), so only the subword member is trained here: what
 * `npm run train` would do with VIGIL_TRAIN_OVERRIDES='{"subword":{...}}', without the 8 linear epochs.
 * Each variant is written as a model folder to <tmp>/vigil-experiments/<name>, where
 * eval/triage/experiments.ts finds it.
 *
 *   node --import tsx eval/triage/subword-variants.ts '<json: [{name, subword, newLabelOffsets?}]>'
 *
 * Also checks how HumAID's class offsets carry over within HumAID dev: tuned on one half, scored on the other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tuneBiasOffsets } from '../../src/analysis/classify/bias-tuning.ts';
import { sharedDataDir } from '../../src/analysis/classify/corpora.ts';
import { EnsembleModel } from '../../src/analysis/classify/ensemble-model.ts';
import { quantize } from '../../src/analysis/classify/linear-model.ts';
import { classScores } from '../../src/analysis/classify/metrics.ts';
import {
  loadTriageModel,
  MODELS_DIR,
  modelMetaPath,
  modelWeightsPath,
  subwordWeightsPath,
} from '../../src/analysis/classify/model-files.ts';
import { packItems } from '../../src/analysis/classify/sgd.ts';
import { trainSubwordEmbeddings } from '../../src/analysis/classify/subword-embeddings.ts';
import { TRAIN_CONFIG } from '../../src/analysis/classify/train-config.ts';
import { buildTrainingSet } from '../../src/analysis/classify/training-set.ts';
import { FINE_LABELS, HUMAID_CLASS_COUNT as H } from '../../src/analysis/taxonomy.ts';
import { evalConflict } from './conflict.ts';

interface Spec {
  name: string;
  subword: NonNullable<typeof TRAIN_CONFIG.subword>;
  newLabelOffsets?: Record<string, number>;
  /** HumAID's class offsets (tuned on HumAID dev) times this; default 1. */
  humaidOffsetShrink?: number;
}

const specs = JSON.parse(process.argv[2] ?? '[]') as Spec[];
const data = sharedDataDir();
if (!data) throw new Error('../shared/data not found');
const committed = loadTriageModel(MODELS_DIR);
if (!(committed instanceof EnsembleModel)) throw new Error('the committed model is not an ensemble');
const t0 = Date.now();
const set = buildTrainingSet(data, {
  seed: TRAIN_CONFIG.seed,
  maxT6: TRAIN_CONFIG.maxT6,
  weights: TRAIN_CONFIG.weights,
  conflictDir: join(MODELS_DIR, 'data', 'conflict'),
  crisislexT26: TRAIN_CONFIG.crisislexT26,
  weakMax: TRAIN_CONFIG.weakMax,
  arabiziWeight: TRAIN_CONFIG.arabiziWeight,
  conflictExclude: TRAIN_CONFIG.conflictExclude,
});
const packed = packItems(set.train, TRAIN_CONFIG.features);
console.log(`${set.train.length} examples packed in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
const devGold = set.dev.map((e) => FINE_LABELS.indexOf(e.label));
const f3 = (x: number) => x.toFixed(3);

/** HumAID macro-F1 of logits + offsets over the items at `idx`. */
function macroAt(logits: Float64Array[], off: number[], idx: number[]): number {
  const pred = idx.map((i) => {
    let b = 0;
    for (let j = 1; j < H; j++) if (logits[i][j] + off[j] > logits[i][b] + off[b]) b = j;
    return String(b);
  });
  return classScores(
    idx.map((i) => String(devGold[i])),
    pred,
  ).macroF1;
}

const SHRINK = [0, 0.25, 0.5, 0.75, 1];

/**
 * Offsets tuned on one half of HumAID dev, scored on the other (both ways), full and shrunk; returns the
 * shrink factor with the best mean on the unseen halves.
 */
function splitCheck(name: string, logits: Float64Array[]): number {
  const halves: number[][] = [[], []];
  for (let i = 0; i < set.dev.length; i++) halves[i % 2].push(i);
  const out: string[] = [];
  let best = { shrink: 1, score: -1 };
  for (const shrink of SHRINK) {
    let sum = 0;
    for (const [a, b] of [
      [0, 1],
      [1, 0],
    ]) {
      const t = tuneBiasOffsets(
        halves[a].map((i) => logits[i]),
        halves[a].map((i) => devGold[i]),
        H,
      );
      sum += macroAt(
        logits,
        t.offsets.map((x) => x * shrink),
        halves[b],
      );
    }
    out.push(`offsets x${shrink}: ${(sum / 2).toFixed(4)}`);
    if (sum / 2 > best.score + 1e-9) best = { shrink, score: sum / 2 };
  }
  console.log(
    `${name}: HumAID dev, offsets tuned on one half, macro-F1 on the other (mean of both ways): ${out.join(', ')}`,
  );
  return best.shrink;
}

function score(name: string, m: EnsembleModel): void {
  const c = evalConflict('dev', { model: m });
  if (!c) throw new Error('eval/conflict/dev.jsonl missing');
  const hd = classScores(
    set.dev.map((e) => e.label),
    set.dev.map((e) => m.predictAmong(e.text, H).label),
    FINE_LABELS.slice(0, H),
  );
  console.log(
    `${name}: conflict dev macro-F1 ${f3(c.all.macroF1)} (en ${f3(c.byLang.en.macroF1)}, ar ${f3(c.byLang.ar.macroF1)}, arabizi ${f3(c.byVariety.arabizi?.macroF1 ?? 0)}), farewell recall en ${f3(c.byLang.en.perClass.farewell.recall)}, ar ${f3(c.byLang.ar.perClass.farewell.recall)}, farewell P ${f3(c.all.perClass.farewell.precision)}; HumAID dev macro-F1 ${hd.macroF1.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)}s)`,
  );
}

const zero = new Array<number>(FINE_LABELS.length).fill(0);
{
  const k = splitCheck(
    'committed',
    set.dev.map((e) => committed.withOffsets(zero).scores(e.text).slice(0, H)),
  );
  score('committed', committed);
  const o = committed.meta.offsets.map((x, j) => (j < H ? x * k : x));
  score(`committed, HumAID offsets x${k}`, committed.withOffsets(o));
}

for (const s of specs) {
  const sw = s.subword;
  const sub = trainSubwordEmbeddings(packed, {
    ...sw,
    seed: TRAIN_CONFIG.seed,
    classBalance: TRAIN_CONFIG.classBalance,
  });
  const qe = quantize(sub.embeddings as Float32Array);
  const subword = { ...sub, embeddings: qe.q, embeddingScale: qe.scale };
  const base = new EnsembleModel(committed.version, committed.linear, subword, {
    linearWeight: sw.linearWeight,
    newLabelLinearWeight: sw.newLabelLinearWeight,
    offsets: zero,
  });
  const logits = set.dev.map((e) => base.scores(e.text).slice(0, H));
  const shrink = s.humaidOffsetShrink ?? 1;
  splitCheck(s.name, logits);
  const tuned = tuneBiasOffsets(logits, devGold, H);
  const offsets = [...zero];
  for (let j = 0; j < H; j++) offsets[j] = tuned.offsets[j] * shrink;
  for (const [label, d] of Object.entries(s.newLabelOffsets ?? TRAIN_CONFIG.newLabelOffsets))
    offsets[FINE_LABELS.indexOf(label as (typeof FINE_LABELS)[number])] += d as number;
  const m = base.withOffsets(offsets);
  score(s.name, m);
  // the model folder, as npm run train writes it (linear member and its bias unchanged)
  const dir = join(tmpdir(), 'vigil-experiments', s.name);
  mkdirSync(dir, { recursive: true });
  const lin = committed.linear;
  const ensemble = {
    linearWeight: sw.linearWeight,
    newLabelLinearWeight: sw.newLabelLinearWeight,
    offsets,
    subword: {
      dim: sub.dim,
      embeddingScale: qe.scale,
      output: sub.output,
      outputBias: sub.outputBias,
      ...(sub.hidden ? { hidden: sub.hidden } : {}),
    },
  };
  writeFileSync(modelWeightsPath(dir), gzipSync(Buffer.from((lin.weights as Int8Array).buffer)));
  writeFileSync(subwordWeightsPath(dir), gzipSync(Buffer.from(qe.q.buffer)));
  writeFileSync(
    modelMetaPath(dir),
    `${JSON.stringify({ ...lin.meta, version: `${s.name}`, ensemble, metrics: { devBiasOffsets: tuned.offsets } }, null, 1)}\n`,
  );
}
