import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHumaid, sharedDataDir } from '../../src/analysis/classify/corpora.ts';
import { loadTriageModel, modelMetaPath } from '../../src/analysis/classify/model-files.ts';
import { COMMITTED_TRAIN_CONFIG } from '../../src/analysis/classify/train-config.ts';
import { evalCrisisLexManMade, evalHumaidDev, evalHumaidTest, evalIdrisiArabicHeldOut } from './classification.ts';
import { evalConflict } from './conflict.ts';
import { humaidDevSplitHalf } from './humaid-split-half.ts';

/**
 * Model selection on the conflict DEV set (never the test set): each variant is trained into its own
 * folder with `npm run train` and overrides, then scored. Writes eval/triage/EXPERIMENTS.md, which
 * `npm run eval` copies into eval/RESULTS.md.
 *   node --import tsx eval/triage/experiments.ts [--train] [--only name,name]
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

interface Variant {
  name: string;
  what: string;
  /** VIGIL_TRAIN_OVERRIDES for npm run train. */
  overrides: Record<string, unknown>;
  /**
   * Rows of the fourth and fifth passes (issue 12) have more columns: printed for EXPERIMENTS.md's
   * fourth- and fifth-pass tables.
   */
  pass4?: boolean;
}

/** The team's hand-written training files added in the fifth pass: rows before it are trained without them. */
const FIFTH_PASS_ARABIZI = ['train-arabizi-a.jsonl', 'train-arabizi-b.jsonl'];
/** The sixth pass's files (farewells beside their near neighbours, English and Levantine): rows before it leave them out. */
const SIXTH_PASS_FILES = ['train-en-c.jsonl', 'train-levantine-c.jsonl'];
/** The seventh pass's files (boundary cases in English, and Arabic in three varieties): rows before it leave them out. */
const SEVENTH_PASS_FILES = ['train-en-d.jsonl', 'train-ar-d.jsonl'];
/** Every file added after the fourth pass: its rows, and the earlier ones, leave them out. */
const FIFTH_PASS_FILES = [
  ...FIFTH_PASS_ARABIZI,
  'train-en-b.jsonl',
  'train-levantine-b.jsonl',
  ...SIXTH_PASS_FILES,
  ...SEVENTH_PASS_FILES,
];

const base = {
  humaid: 1,
  crisisnlp: 0.6,
  'idrisi-en': 0.8,
  'idrisi-ar': 2,
  'crisislex-t6': 0.3,
  'crisislex-t26': 0.5,
  'weak-fakes': 0.3,
  'weak-t26': 0.3,
  confirmed: 3,
};

export const VARIANTS: Variant[] = [
  {
    name: 'lr-public+t26',
    what: 'LR, 13 labels, public sets + CrisisLexT26 train events + weak labels, no conflict data',
    overrides: { weights: { ...base, 'conflict-en': 0, 'conflict-ar': 0 } },
  },
  {
    name: 'lr-conflict-w3',
    what: 'LR + conflict data (weight 3)',
    overrides: { weights: { ...base, 'conflict-en': 3, 'conflict-ar': 3 } },
  },
  {
    name: 'lr-conflict-w10',
    what: 'LR + conflict data (weight 10)',
    overrides: { weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 } },
  },
  {
    name: 'lr-conflict-w10-not26',
    what: 'LR + conflict data (weight 10), no CrisisLexT26 labels (weak labels kept)',
    overrides: { weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 }, crisislexT26: false },
  },
  {
    name: 'lr-conflict-w20-not26',
    what: 'LR + conflict data (weight 20), no CrisisLexT26 labels (weak labels kept)',
    overrides: { weights: { ...base, 'conflict-en': 20, 'conflict-ar': 20 }, crisislexT26: false },
  },
  {
    name: 'lr-conflict-w6-stem',
    what: 'LR + conflict data (weight 6) + Arabic light-stem features',
    overrides: { weights: { ...base, 'conflict-en': 6, 'conflict-ar': 6 }, features: { arStem: true } },
  },
  {
    name: 'lr-avg-w10',
    what: 'lr-conflict-w10 with averaged SGD (the mean of the weights over all steps)',
    overrides: { weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 }, average: true },
  },
  {
    name: 'ens-sub16-w0.7',
    what: 'lr-conflict-w10 (+ hard negatives) averaged with learned 16-d subword embeddings (fastText-style, 5 epochs), linear weight 0.7 on every label; offsets farewell -0.25, alive_and_safe -0.75, going_offline +0.25 chosen on dev (eval/triage/ensemble-sweep.ts)',
    overrides: {
      weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 },
      subword: {
        dim: 16,
        epochs: 5,
        learningRate: 0.5,
        maxExampleWeight: 10,
        linearWeight: 0.7,
        newLabelLinearWeight: 0.7,
      },
      newLabelOffsets: { farewell: -0.25, alive_and_safe: -0.75, going_offline: 0.25 },
    },
  },
  {
    name: 'ens-sub16-w0.7-newlin',
    what: 'ens-sub16-w0.7, but farewell, alive/safe and going offline from the linear model alone (weight 1 on it for those labels); offsets farewell -1, alive_and_safe -1.25, going_offline -0.75 re-chosen on dev',
    overrides: {
      weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 },
      subword: {
        dim: 16,
        epochs: 5,
        learningRate: 0.5,
        maxExampleWeight: 10,
        linearWeight: 0.7,
        newLabelLinearWeight: 1,
      },
      newLabelOffsets: { farewell: -1, alive_and_safe: -1.25, going_offline: -0.75 },
    },
  },
  {
    name: 'ens-sub16-w0.7-newlin-fw',
    what: 'ens-sub16-w0.7-newlin with offsets farewell -1.25, alive_and_safe -1.5, going_offline -1: the best dev macro-F1 among the settings that keep farewell recall >= 0.85 and call at most 10 demo posts farewells',
    overrides: {
      weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 },
      subword: {
        dim: 16,
        epochs: 5,
        learningRate: 0.5,
        maxExampleWeight: 10,
        linearWeight: 0.7,
        newLabelLinearWeight: 1,
      },
      newLabelOffsets: { farewell: -1.25, alive_and_safe: -1.5, going_offline: -1 },
    },
  },
  ...fourthPass(),
  ...fifthPass(),
  ...sixthPass(),
  ...seventhPass(),
];

/**
 * Issue 12, fourth pass: variants of the third pass's chosen model (ens-sub16-w0.7-newlin-fw, its settings
 * spelled out below so that these rows keep their meaning when the committed configuration changes),
 * and the committed configuration itself, read from TRAIN_CONFIG (train-config.ts).
 */
function fourthPass(): Variant[] {
  const third = {
    weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 },
    subword: {
      dim: 16,
      epochs: 5,
      learningRate: 0.5,
      maxExampleWeight: 10,
      linearWeight: 0.7,
      newLabelLinearWeight: 1,
    },
    newLabelOffsets: { farewell: -1.25, alive_and_safe: -1.5, going_offline: -1 },
    // pinned: what the committed configuration had then (the defaults of every override not given)
    features: {},
    humaidOffsetShrink: 1,
    arabiziWeight: 0,
    conflictExclude: FIFTH_PASS_FILES,
  };
  const v = variantsOn(third);
  return [
    v('p4-third', "the third pass's chosen model, retrained (the reference for this pass)", {}),
    v('p4-shrink0.5', 'HumAID class offsets x0.5 (the factor chosen on halves of HumAID dev)', {
      humaidOffsetShrink: 0.5,
    }),
    v('p4-h32', 'subword model with a hidden tanh layer of 32 units (lr 0.5, 5 epochs)', {
      subword: { ...third.subword, hidden: 32 },
    }),
    v('p4-h32-e10', 'the same, lr 0.2, 10 epochs', {
      subword: { ...third.subword, hidden: 32, learningRate: 0.2, epochs: 10 },
    }),
    v('p4-az-digits', 'digits kept inside Latin words (Arabizi 7/3/2/5 no longer all folded to 0)', {
      features: { arabiziDigits: true },
    }),
    v('p4-arabizi-w5', "the team's 1,138 Levantine training messages rendered in Arabizi (arabizi.ts), weight 5", {
      arabiziWeight: 5,
    }),
    v('p4-arabizi-w5-digits', 'both of the above', { arabiziWeight: 5, features: { arabiziDigits: true } }),
    v('p4-arabizi-w3-digits', 'the same, Arabizi rendering at weight 3', {
      arabiziWeight: 3,
      features: { arabiziDigits: true },
    }),
    v('p4-arabizi-w10-digits', "the same, Arabizi rendering at weight 10 (as the team's own messages)", {
      arabiziWeight: 10,
      features: { arabiziDigits: true },
    }),
    {
      name: 'committed',
      what: 'the committed configuration (TRAIN_CONFIG in src/analysis/classify/train-config.ts)',
      overrides: COMMITTED_TRAIN_CONFIG,
      pass4: true,
    },
  ];
}

/** A pass's rows: each is `base` with its own overrides on top (the later passes' wide columns). */
function variantsOn(base: Record<string, unknown>) {
  return (name: string, what: string, overrides: Record<string, unknown>): Variant => ({
    name,
    what,
    overrides: { ...base, ...overrides },
    pass4: true,
  });
}

/** The fourth pass's chosen model, its settings spelled out as committed then (the base of the fifth and sixth passes). */
function fourthPassChosen() {
  return {
    weights: { ...base, 'conflict-en': 10, 'conflict-ar': 10 },
    subword: {
      dim: 16,
      epochs: 5,
      learningRate: 0.5,
      maxExampleWeight: 10,
      linearWeight: 0.7,
      newLabelLinearWeight: 1,
    },
    newLabelOffsets: { farewell: -1.25, alive_and_safe: -1.5, going_offline: -1 },
    features: { arabiziDigits: true },
    humaidOffsetShrink: 0.5,
    arabiziWeight: 0,
  };
}

/**
 * Issue 12, fifth pass: the team's new hand-written messages (models/data/conflict: train-arabizi-a/b.jsonl
 * in Arabizi, train-en-b.jsonl in English, train-levantine-b.jsonl in Levantine Arabic) are in the data; variants of the fourth pass's chosen model (its settings spelled out, as committed then)
 * with the Arabizi variety weighted on its own (source conflict-ar-arabizi, training-set.ts), and with the
 * new-label offsets re-chosen on conflict dev (eval/triage/new-label-offsets.ts).
 */
function fifthPass(): Variant[] {
  const later = [...SIXTH_PASS_FILES, ...SEVENTH_PASS_FILES];
  const fourth = { ...fourthPassChosen(), conflictExclude: later };
  const v = (name: string, what: string, overrides: Record<string, unknown>): Variant => {
    const o = { ...fourth, ...overrides };
    // every fifth-pass row is trained without the later passes' files
    o.conflictExclude = [...new Set([...(o.conflictExclude as string[]), ...later])];
    return { name, what, overrides: o, pass4: true };
  };
  const az = (w: number) => ({ weights: { ...fourth.weights, 'conflict-ar-arabizi': w } });
  return [
    v('p5-data', "the fourth pass's model with all four new files, at the team data's weight (10)", {}),
    v('p5-arabizi-only', 'the same with the two new Arabizi files only', {
      conflictExclude: FIFTH_PASS_FILES.filter((f) => !FIFTH_PASS_ARABIZI.includes(f)),
    }),
    v('p5-no-levantine-b', 'p5-data without train-levantine-b.jsonl', {
      conflictExclude: ['train-levantine-b.jsonl'],
    }),
    v('p5-no-levantine-b-s1', 'p5-no-levantine-b, seed 1', { conflictExclude: ['train-levantine-b.jsonl'], seed: 1 }),
    v('p5-no-levantine-b-s2', 'p5-no-levantine-b, seed 2', { conflictExclude: ['train-levantine-b.jsonl'], seed: 2 }),
    v('p5-no-en-b', 'p5-data without train-en-b.jsonl', { conflictExclude: ['train-en-b.jsonl'] }),
    v('p5-enlev-w5', 'p5-data, the new English and Levantine files (train-en-b, train-levantine-b) at weight 5', {
      weights: { ...fourth.weights, 'train-en-b.jsonl': 5, 'train-levantine-b.jsonl': 5 },
    }),
    v('p5-enlev-w3', 'the same at weight 3', {
      weights: { ...fourth.weights, 'train-en-b.jsonl': 3, 'train-levantine-b.jsonl': 3 },
    }),
    v('p5-az-w5', 'p5-data, the Arabizi messages (old and new) at weight 5', az(5)),
    v('p5-az-w20', 'p5-data, the Arabizi messages at weight 20', az(20)),
    v('p5-az-w3', 'p5-data, the Arabizi messages at weight 3', az(3)),
    // how much one training run moves these numbers: the same settings, another seed
    v('p5-data-s1', 'p5-data, seed 1 instead of 20161213', { seed: 1 }),
    v('p5-data-s2', 'p5-data, seed 2', { seed: 2 }),
    v('p4-committed-s1', "the fourth pass's model (without the new files), seed 1", {
      seed: 1,
      conflictExclude: FIFTH_PASS_FILES,
    }),
    v('p4-committed-s2', "the fourth pass's model (without the new files), seed 2", {
      seed: 2,
      conflictExclude: FIFTH_PASS_FILES,
    }),
    // new-label offsets re-chosen on conflict dev (eval/triage/new-label-offsets.ts), added here when run
  ];
}

/**
 * Issue 12, sixth pass: the team's farewells written beside their near neighbours (train-en-c.jsonl,
 * train-levantine-c.jsonl: farewells with and without farewell words next to sympathy from outside, dark
 * everyday posts, battery notices), on the fifth pass's settings, with and without train-levantine-b.jsonl.
 */
function sixthPass(): Variant[] {
  const fifth = { ...fourthPassChosen(), conflictExclude: SEVENTH_PASS_FILES };
  const v = variantsOn(fifth);
  const noLevB = { conflictExclude: ['train-levantine-b.jsonl', ...SEVENTH_PASS_FILES] };
  return [
    v('p6-data', 'every team file, the six new ones included (fifth-pass settings)', {}),
    v('p6-data-s1', 'p6-data, seed 1', { seed: 1 }),
    v('p6-data-s2', 'p6-data, seed 2', { seed: 2 }),
    v('p6-no-levantine-b', 'p6-data without train-levantine-b.jsonl', noLevB),
    v('p6-no-levantine-b-s1', 'p6-no-levantine-b, seed 1', { ...noLevB, seed: 1 }),
    v('p6-no-levantine-b-s2', 'p6-no-levantine-b, seed 2', { ...noLevB, seed: 2 }),
  ];
}

/**
 * Issue 12, seventh pass. First, on the sixth pass's committed model (every team file then; its settings
 * spelled out as committed then): HumAID-minded changes (more hash buckets, class balance, leaving a public set
 * out). The bucket rows need FEATURE_BITS in src/analysis/classify/features.ts set to 19 or 20 for both the
 * training and the scoring (not an option of the shipped code: the featurizer's mask is a constant). Then the
 * team's seventh-pass files (train-en-d.jsonl, train-ar-d.jsonl: boundary cases between evacuation and pleas,
 * caution and everyday information, damage scenes, casualties on the exit road), three seeds.
 */
function seventhPass(): Variant[] {
  const sixth = { ...fourthPassChosen(), seed: 1, conflictExclude: SEVENTH_PASS_FILES };
  const v = variantsOn(sixth);
  return [
    v('p7-bits19', "the sixth pass's model with 2^19 feature buckets (FEATURE_BITS 19; 2^18 shipped)", {}),
    v('p7-bits20', 'the same with 2^20 feature buckets (FEATURE_BITS 20)', {}),
    v('p7-cb0.75', "the sixth pass's model, class balance 0.5 -> 0.75", { classBalance: 0.75 }),
    v('p7-cb1', "the sixth pass's model, class balance 0.5 -> 1 (fully balanced)", { classBalance: 1 }),
    v('p7-no-t6', "the sixth pass's model without CrisisLexT6 (its off-topic tweets teach not_humanitarian)", {
      weights: { ...sixth.weights, 'crisislex-t6': 0 },
    }),
    v('p7-no-crisisnlp', "the sixth pass's model without CrisisNLP", {
      weights: { ...sixth.weights, crisisnlp: 0 },
    }),
    v('p7-data', "the sixth pass's model with the two new files (seed 1)", { conflictExclude: [] }),
    v('p7-data-s2', 'p7-data, seed 2', { conflictExclude: [], seed: 2 }),
    v('p7-data-s3', 'p7-data, seed 3', { conflictExclude: [], seed: 3 }),
  ];
}

/** The linear variants ran before the ensemble existed: a linear model alone, no new-label offsets. */
const LINEAR_DEFAULTS = {
  subword: null,
  newLabelOffsets: {},
  // settings added later (fourth pass), as they were before: these rows keep their meaning
  features: {},
  humaidOffsetShrink: 1,
  arabiziWeight: 0,
  conflictExclude: FIFTH_PASS_FILES,
};

/**
 * The model as it was before issue 12 (commit cc9b535), scored with this file's scorers on the same
 * dev set: its code cannot load next to the 13-label models, so its row is recorded, not recomputed.
 */
const BEFORE_ROW =
  '| before (cc9b535) | LR as committed before issue 12: HumAID labels only; farewell, alive/safe by keyword rules; no going_offline | 0.319 | 0.389 | 0.234 | 0.136 | 0.190 | 0.708 | 0.394 | 0.649 |';

const f = (x: number) => x.toFixed(3);

function trainInto(v: Variant, dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', 'src/analysis/classify/train-cli.ts', '--out', dir], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VIGIL_TRAIN_OVERRIDES: JSON.stringify({ ...LINEAR_DEFAULTS, ...v.overrides }) },
  });
}

function main(): void {
  const data = sharedDataDir();
  if (!data) throw new Error('../shared/data not found');
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1].split(',')
    : undefined;
  const rows: string[] = [BEFORE_ROW];
  for (const v of VARIANTS) {
    if (only && !only.includes(v.name)) continue;
    const dir = join(tmpdir(), 'vigil-experiments', v.name);
    if (!existsSync(modelMetaPath(dir))) {
      if (!process.argv.includes('--train')) {
        console.log(`${v.name}: no model at ${dir}, skipped`);
        continue;
      }
      trainInto(v, dir);
    }
    const model = loadTriageModel(dir);
    const c = evalConflict('dev', { model });
    if (!c) throw new Error('eval/conflict/dev.jsonl missing');
    const h = evalHumaidTest(data, model);
    const t = evalCrisisLexManMade(data, model);
    const a = evalIdrisiArabicHeldOut(data, model);
    const row = v.pass4
      ? `| ${v.name} | ${v.what} | ${f(c.all.macroF1)} | ${f(c.byLang.en.macroF1)} | ${f(c.byLang.ar.macroF1)} | ${f(c.byVariety.arabizi?.macroF1 ?? 0)} | ${f(c.byLang.en.perClass.farewell.recall)} | ${f(c.byLang.ar.perClass.farewell.recall)} | ${f(c.all.perClass.farewell.precision)} | ${v.pass4 ? evalHumaidDev(data, model).macroF1.toFixed(4) : ''} | ${
          v.pass4
            ? humaidDevSplitHalf(model, loadHumaid(data, 'dev'), [1, 0.5])
                .map((x) => x.toFixed(4))
                .join(' / ')
            : ''
        } | ${f(h.macroF1)} | ${f(t.macroF1)} | ${f(a.macroF1)} |`
      : `| ${v.name} | ${v.what} | ${f(c.all.macroF1)} | ${f(c.byLang.en.macroF1)} | ${f(c.byLang.ar.macroF1)} | ${f(c.byLang.en.perClass.farewell.recall)} | ${f(c.byLang.ar.perClass.farewell.recall)} | ${f(h.macroF1)} | ${f(t.macroF1)} | ${f(a.macroF1)} |`;
    console.log(row);
    // fourth-pass rows have their own columns: printed for the fourth-pass table, not in the first one
    if (!v.pass4) rows.push(row);
  }
  const md = `## Triage model selection (issue 12)

Written by \`node --import tsx eval/triage/experiments.ts --train\`: every variant trained by \`npm run train\`
with overrides (same seed, same 8 epochs), scored on the conflict DEV set (the test set is not used here),
and on the public held-out sets for the record. The full triage (model + rules) is scored on the conflict
set, CrisisLexT26 and IDRISI; HumAID test is the model label among HumAID's 10 classes.

| variant | what | conflict dev macro-F1 | en | ar | farewell recall en | farewell recall ar | HumAID test macro-F1 | CrisisLexT26 man-made macro-F1 | IDRISI-AR held-out macro-F1 |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

What was tried, and why this model:
- The conflict data is what matters: the same linear model without it (lr-public+t26) stays near the old
  model on the conflict set; with it, farewell recall passes 0.85 in both languages at every weight tried.
- More weight on the team's data raises the conflict scores (weight 3 -> 10) and costs HumAID a little;
  weight 20 adds nothing over 10. CrisisLexT26's own labels (its non-held-out events) help HumAID test
  and CrisisLexT26 man-made; dropping them (-not26) lowers both.
- Arabic light-stem features (one proclitic and one suffix off each Arabic word, as an extra hashed
  feature) did not help: weight 6 with stems scored below weight 3 without them, Arabic included.
- Not tried, for lack of time in this round: fastText-style learned subword embeddings and a small
  network (the hashed character 3-5-grams already give the linear model subword information), bias
  offsets for the new classes tuned on held-out team data, and a clean stem ablation at the chosen weight.
- First round chosen: lr-conflict-w10. Its farewell precision was too low for a watchlist (next section).
`;
  // The later passes' sections were written by hand from these rows: keep them.
  const file = join(HERE, 'EXPERIMENTS.md');
  const later = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = later.indexOf('\nFarewell precision (issue 12, second pass)');
  if (!only) writeFileSync(file, md + (from >= 0 ? later.slice(from) : ''));
  else console.log(md);
}

main();
