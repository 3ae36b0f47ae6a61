import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VigilError } from '../../core/errors.ts';
import { type LinearModel, loadModelFiles } from './linear-model.ts';

export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../models');
export const MODEL_NAME = 'triage';
export const modelMetaPath = (dir = MODELS_DIR) => join(dir, `${MODEL_NAME}.json`);
export const modelWeightsPath = (dir = MODELS_DIR) => join(dir, `${MODEL_NAME}.i8.gz`);

export class ModelMissingError extends VigilError {}

let cached: LinearModel | undefined;

/** The committed triage model, loaded once per process. */
export function defaultModel(): LinearModel {
  if (cached) return cached;
  const meta = modelMetaPath();
  if (!existsSync(meta)) throw new ModelMissingError(`no triage model at ${meta}: run npm run train`, meta);
  cached = loadModelFiles(meta, modelWeightsPath());
  return cached;
}

export function hasDefaultModel(): boolean {
  return cached !== undefined || existsSync(modelMetaPath());
}
