import type { Analysis } from '../core/analysis.ts';
import type { AnalyzeInput } from './analysis-schema.ts';
import { defaultModel } from './classify/model-files.ts';
import type { TriageModel } from './classify/triage-model.ts';
import { combine, type Triage } from './combine.ts';
import { detect } from './detectors.ts';
import { extractCasualties } from './extract/casualties.ts';
import { extractDates } from './extract/dates.ts';
import { extractPlaces, type Gazetteer } from './extract/places.ts';
import { detectLanguage, loadLanguageModel } from './language.ts';

export interface AnalyzeOptions {
  model?: TriageModel;
  gazetteer?: Gazetteer;
}

/** Load what analysis needs once (the fastText language model; the triage model loads lazily). */
export async function prepareAnalysis(): Promise<void> {
  await loadLanguageModel();
  defaultModel();
}

/** Category, flags and model label only: what the evaluation scores. */
export function triageText(text: string, opts: AnalyzeOptions = {}): Triage {
  const model = opts.model ?? defaultModel();
  return combine(model.predict(text), detect(text), extractCasualties(text));
}

/**
 * Analyze one message. Synchronous; call `prepareAnalysis()` first so that language identification
 * can use fastText (without it only the script rules answer, and Latin text may be `und`).
 */
export function analyzeMessage(input: AnalyzeInput, opts: AnalyzeOptions = {}): Analysis {
  const model = opts.model ?? defaultModel();
  const text = input.text ?? '';
  const casualties = extractCasualties(text);
  const t = combine(model.predict(text), detect(text), casualties);
  const places = extractPlaces(text, opts.gazetteer).flatMap((p) =>
    p.lat !== undefined && p.lon !== undefined ? [{ name: p.name, lat: p.lat, lon: p.lon }] : [],
  );
  return {
    language: input.lang ?? detectLanguage(text).lang,
    category: t.category,
    confidence: t.confidence,
    flags: { eyewitness: t.eyewitness, urgency: t.urgency },
    casualties,
    places,
    dates: extractDates(text, input.postedAt),
    modelVersion: model.version,
  };
}
