import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256Hex } from '../../core/hash.ts';
import { buildPlaceLexicon, PLACE_LEXICON_FILE } from '../extract/place-lexicon.ts';
import { FINE_LABELS, HUMAID_CLASS_COUNT } from '../taxonomy.ts';
import { tuneBiasOffsets } from './bias-tuning.ts';
import { confirmationsToItems } from './confirmations.ts';
import { sharedDataDir } from './corpora.ts';
import { EnsembleModel } from './ensemble-model.ts';
import { FEATURE_BITS } from './features.ts';
import { LinearModel, type ModelMeta, quantize } from './linear-model.ts';
import { classScores } from './metrics.ts';
import { writeModelCard } from './model-card.ts';
import { MODELS_DIR, modelMetaPath, modelWeightsPath, subwordWeightsPath } from './model-files.ts';
import { packItems, trainSgd } from './sgd.ts';
import { trainSubwordEmbeddings } from './subword-embeddings.ts';
import { TRAIN_CONFIG } from './train-config.ts';
import { buildTrainingSet } from './training-set.ts';

/** label.confirmed decisions in a Vigil data folder (SQLite, or PostgreSQL when VIGIL_DATABASE_URL is set). */
async function storeConfirmations(dataDir: string): Promise<string> {
  const { openStore } = await import('../../store/open-store.ts');
  const { confirmationsJsonl } = await import('../../store/queries/analysis.ts');
  const { analysisProjector } = await import('../projector.ts');
  // Only reads labels; Vigil's own commands open the store with every domain's projectors (openVigilStore).
  const store = await openStore({ dataDir, databaseUrl: process.env.VIGIL_DATABASE_URL || undefined }, [
    analysisProjector,
  ]);
  try {
    return await confirmationsJsonl(store.db);
  } finally {
    await store.close();
  }
}

export { TRAIN_CONFIG };

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The model files, its card and the place-name list; a linear-only model removes a stale subword file. */
function writeModel(
  out: string,
  meta: ModelMeta,
  q: Int8Array,
  subword: Int8Array | undefined,
  set: ReturnType<typeof buildTrainingSet>,
  data: string,
): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(modelWeightsPath(out), gzipSync(Buffer.from(q.buffer), { level: 9 }));
  if (subword) writeFileSync(subwordWeightsPath(out), gzipSync(Buffer.from(subword.buffer), { level: 9 }));
  else rmSync(subwordWeightsPath(out), { force: true });
  writeFileSync(modelMetaPath(out), `${JSON.stringify(meta, null, 1)}\n`);
  writeModelCard(out, meta, TRAIN_CONFIG, set);
  const places = buildPlaceLexicon(data);
  writeFileSync(
    join(out, PLACE_LEXICON_FILE),
    `${JSON.stringify({ description: 'Place names learned from IDRISI train splits (held-out Arabic events excluded); coordinates from IDRISI LMD (OSM) where known.', license: 'CC-BY-4.0 (IDRISI)', entries: places })}\n`,
  );
}

async function main(): Promise<number> {
  const data = argValue('--data') ?? sharedDataDir();
  if (!data) {
    console.error('train: ../shared/data not found (set VIGIL_SHARED_DATA or --data)');
    return 2;
  }
  const out = argValue('--out') ?? MODELS_DIR;
  const confirmations = argValue('--confirmations');
  const fromStore = argValue('--confirmations-from');
  const t0 = Date.now();
  const extra = [
    ...(confirmations ? confirmationsToItems(readFileSync(confirmations, 'utf8')) : []),
    ...(fromStore ? confirmationsToItems(await storeConfirmations(fromStore)) : []),
  ];
  if (extra.length) console.log(`train: ${extra.length} confirmed labels from people`);
  const set = buildTrainingSet(data, {
    seed: TRAIN_CONFIG.seed,
    maxT6: TRAIN_CONFIG.maxT6,
    weights: TRAIN_CONFIG.weights,
    extra,
    conflictDir: join(MODELS_DIR, 'data', 'conflict'),
    crisislexT26: TRAIN_CONFIG.crisislexT26,
    weakMax: TRAIN_CONFIG.weakMax,
    arabiziWeight: TRAIN_CONFIG.arabiziWeight,
    conflictExclude: TRAIN_CONFIG.conflictExclude,
  });
  console.log(
    `train: ${set.train.length} examples`,
    set.counts,
    `dropped held-out ids ${set.droppedAsHeldOut}, duplicate ids ${set.droppedAsDuplicate}`,
  );
  const devGold = set.dev.map((e) => e.label);
  let version = `triage-lr-h${FEATURE_BITS}${TRAIN_CONFIG.features.arStem ? '-stem' : ''}${TRAIN_CONFIG.features.arabiziDigits ? '-az' : ''}`;
  const metaFor = (bias: Float64Array, scale: number): ModelMeta => ({
    version,
    featureBits: FEATURE_BITS,
    labels: [...FINE_LABELS],
    scale,
    bias: [...bias],
    trainedOn: set.counts,
    ...(Object.keys(TRAIN_CONFIG.features).length ? { features: TRAIN_CONFIG.features } : {}),
  });
  const evalDev = (w: Float32Array, bias: Float64Array) => {
    const m = new LinearModel(metaFor(bias, 1), w);
    return classScores(
      devGold,
      set.dev.map((e) => m.predictAmong(e.text, HUMAID_CLASS_COUNT).label),
      FINE_LABELS,
    );
  };
  const packed = packItems(set.train, TRAIN_CONFIG.features);
  const res = trainSgd(
    set.train,
    {
      ...TRAIN_CONFIG,
      onEpoch: (epoch, w, bias) => {
        const s = evalDev(w, bias);
        console.log(
          `epoch ${epoch}: HumAID dev macro-F1 ${s.macroF1.toFixed(4)} acc ${s.accuracy.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)}s)`,
        );
        return s.macroF1;
      },
    },
    packed,
  );
  const { q, scale } = quantize(res.w);
  if (TRAIN_CONFIG.subword) {
    const sw = TRAIN_CONFIG.subword;
    const sub = trainSubwordEmbeddings(packed, {
      ...sw,
      seed: TRAIN_CONFIG.seed,
      classBalance: TRAIN_CONFIG.classBalance,
    });
    console.log(`subword embeddings: trained (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
    const qe = quantize(sub.embeddings as Float32Array);
    const subword = { ...sub, embeddings: qe.q, embeddingScale: qe.scale };
    const linear = new LinearModel(metaFor(res.bias, scale), q);
    const offsets = new Array<number>(FINE_LABELS.length).fill(0);
    const ens = new EnsembleModel(version, linear, subword, {
      linearWeight: sw.linearWeight,
      newLabelLinearWeight: sw.newLabelLinearWeight,
      offsets,
    });
    const tuned = tuneBiasOffsets(
      set.dev.map((e) => ens.scores(e.text).slice(0, HUMAID_CLASS_COUNT)),
      set.dev.map((e) => FINE_LABELS.indexOf(e.label)),
      HUMAID_CLASS_COUNT,
    );
    console.log(`ensemble offsets ${tuned.offsets.join(' ')} -> dev macro-F1 ${tuned.macroF1.toFixed(4)}`);
    // shrunk toward 0 by a factor chosen on halves of HumAID dev (eval/triage/subword-variants.ts)
    for (let j = 0; j < HUMAID_CLASS_COUNT; j++) offsets[j] = tuned.offsets[j] * TRAIN_CONFIG.humaidOffsetShrink;
    for (const [label, d] of Object.entries(TRAIN_CONFIG.newLabelOffsets as Record<string, number>)) {
      const j = FINE_LABELS.indexOf(label as (typeof FINE_LABELS)[number]);
      if (j < HUMAID_CLASS_COUNT) throw new Error(`newLabelOffsets: ${label} is not one of the new labels`);
      offsets[j] += d;
    }
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
    version = `${version}-sub${sub.dim}-${sha256Hex(Buffer.concat([Buffer.from(q.buffer), Buffer.from(qe.q.buffer), Buffer.from(JSON.stringify([[...res.bias], ensemble]))])).slice(0, 10)}`;
    const meta: ModelMeta = { ...metaFor(res.bias, scale), ensemble };
    const final = new EnsembleModel(version, new LinearModel(meta, q), subword, ensemble);
    const qs = classScores(
      devGold,
      set.dev.map((e) => final.predictAmong(e.text, HUMAID_CLASS_COUNT).label),
      FINE_LABELS,
    );
    meta.metrics = {
      bestEpoch: res.bestEpoch,
      devBiasOffsets: tuned.offsets,
      newLabelOffsets: TRAIN_CONFIG.newLabelOffsets,
      humaidDevMacroF1: +qs.macroF1.toFixed(4),
      humaidDevAccuracy: +qs.accuracy.toFixed(4),
      humaidDevWeightedF1: +qs.weightedF1.toFixed(4),
    };
    writeModel(out, meta, q, qe.q, set, data);
    console.log(
      `train: wrote ${modelMetaPath(out)} (ensemble, HumAID dev macro-F1 ${qs.macroF1.toFixed(4)}) in ${((Date.now() - t0) / 1000).toFixed(0)}s`,
    );
    return 0;
  }
  const raw = new LinearModel(metaFor(res.bias, scale), q);
  const devIdx = set.dev.map((e) => FINE_LABELS.indexOf(e.label));
  // Offsets only for HumAID's own classes: HumAID dev says nothing about farewell or going offline.
  const tuned = tuneBiasOffsets(
    set.dev.map((e) => raw.scores(e.text).slice(0, HUMAID_CLASS_COUNT)),
    devIdx,
    HUMAID_CLASS_COUNT,
  );
  console.log(`bias offsets ${tuned.offsets.join(' ')} -> dev macro-F1 ${tuned.macroF1.toFixed(4)}`);
  for (let j = 0; j < HUMAID_CLASS_COUNT; j++) res.bias[j] += tuned.offsets[j];
  for (const [label, d] of Object.entries(TRAIN_CONFIG.newLabelOffsets as Record<string, number>)) {
    const j = FINE_LABELS.indexOf(label as (typeof FINE_LABELS)[number]);
    if (j < HUMAID_CLASS_COUNT) throw new Error(`newLabelOffsets: ${label} is not one of the new labels`);
    res.bias[j] += d;
  }
  version = `${version}-${sha256Hex(Buffer.concat([Buffer.from(q.buffer), Buffer.from(JSON.stringify([...res.bias]))])).slice(0, 10)}`;
  const meta = metaFor(res.bias, scale);
  const qs = classScores(
    devGold,
    set.dev.map((e) => new LinearModel(meta, q).predictAmong(e.text, HUMAID_CLASS_COUNT).label),
    FINE_LABELS,
  );
  meta.metrics = {
    bestEpoch: res.bestEpoch,
    devBiasOffsets: tuned.offsets,
    newLabelOffsets: TRAIN_CONFIG.newLabelOffsets,
    humaidDevMacroF1: +qs.macroF1.toFixed(4),
    humaidDevAccuracy: +qs.accuracy.toFixed(4),
    humaidDevWeightedF1: +qs.weightedF1.toFixed(4),
  };
  writeModel(out, meta, q, undefined, set, data);
  console.log(
    `train: wrote ${modelMetaPath(out)} (quantized dev macro-F1 ${qs.macroF1.toFixed(4)}) in ${((Date.now() - t0) / 1000).toFixed(0)}s`,
  );
  return 0;
}

process.exitCode = await main();
