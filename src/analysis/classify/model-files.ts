import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { VigilError } from '../../core/errors.ts';
import { EnsembleModel } from './ensemble-model.ts';
import { FEATURE_DIM } from './features.ts';
import { loadModelFiles, ModelFormatError } from './linear-model.ts';
import type { TriageModel } from './triage-model.ts';

export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../models');
export const MODEL_NAME = 'triage';
export const modelMetaPath = (dir = MODELS_DIR) => join(dir, `${MODEL_NAME}.json`);
export const modelWeightsPath = (dir = MODELS_DIR) => join(dir, `${MODEL_NAME}.i8.gz`);
/** The subword-embedding member of an ensemble model (int8, [feature][dim]). */
export const subwordWeightsPath = (dir = MODELS_DIR) => join(dir, `${MODEL_NAME}-subword.i8.gz`);

export class ModelMissingError extends VigilError {}

/** The model in a folder: the linear model, or the ensemble when its metadata says so. */
export function loadTriageModel(dir: string): TriageModel {
  const linear = loadModelFiles(modelMetaPath(dir), modelWeightsPath(dir));
  const e = linear.meta.ensemble;
  if (!e) return linear;
  const file = subwordWeightsPath(dir);
  if (!existsSync(file)) throw new ModelMissingError(`ensemble model without its subword weights: ${file}`, file);
  const buf = gunzipSync(readFileSync(file));
  const embeddings = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (embeddings.length !== FEATURE_DIM * e.subword.dim)
    throw new ModelFormatError(`${file}: ${embeddings.length} weights, expected ${FEATURE_DIM * e.subword.dim}`, file);
  if (e.offsets.length !== linear.k || e.subword.outputBias.length !== linear.k)
    throw new ModelFormatError(`${modelMetaPath(dir)}: ensemble offsets or output of the wrong length`, dir);
  return new EnsembleModel(
    linear.meta.version,
    linear,
    { ...e.subword, embeddings },
    { linearWeight: e.linearWeight, newLabelLinearWeight: e.newLabelLinearWeight, offsets: e.offsets },
  );
}

let cached: TriageModel | undefined;

/** The committed triage model, loaded once per process. */
export function defaultModel(): TriageModel {
  if (cached) return cached;
  const meta = modelMetaPath();
  if (!existsSync(meta)) throw new ModelMissingError(`no triage model at ${meta}: run npm run train`, meta);
  cached = loadTriageModel(MODELS_DIR);
  return cached;
}

export function hasDefaultModel(): boolean {
  return cached !== undefined || existsSync(modelMetaPath());
}
