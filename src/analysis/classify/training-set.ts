import { join } from 'node:path';
import { CATEGORY_TO_FINE } from '../taxonomy.ts';
import { toArabizi } from './arabizi.ts';
import { conflictTrainingFiles, readConflictFile } from './conflict-data.ts';
import {
  type Example,
  HELD_OUT,
  loadCrisisLexT6,
  loadCrisisLexT26,
  loadCrisisNlp,
  loadHumaid,
  loadIdrisiArTraining,
  loadIdrisiEnTraining,
} from './corpora.ts';
import { seededRandom, shuffleInPlace } from './rng.ts';
import type { TrainItem } from './sgd.ts';
import { loadCrisisLexT26Training, weakExamples } from './weak-corpus.ts';

export interface TrainingSet {
  train: (TrainItem & { source: string })[];
  dev: Example[];
  counts: Record<string, number>;
  droppedAsHeldOut: number;
  droppedAsDuplicate: number;
}

export interface TrainingSetOptions {
  seed: number;
  /** At most this many CrisisLexT6 off-topic tweets (they would swamp not_humanitarian). */
  maxT6: number;
  /**
   * Source weights. The team's conflict messages are `conflict-<lang>`, or `conflict-<lang>-<variety>` when
   * that key is given (e.g. `conflict-ar-arabizi` for the Arabizi ones); a key that is a file name of
   * conflictDir (e.g. `train-en-b.jsonl`) sets the weight of that file's messages (their source is unchanged).
   */
  weights: Record<string, number>;
  extra?: (TrainItem & { source: string; id?: string })[];
  /** The team's conflict data (train-*.jsonl), e.g. models/data/conflict; none when absent. */
  conflictDir?: string;
  /** File names in conflictDir left out of training. */
  conflictExclude?: readonly string[];
  /** Train on CrisisLexT26's own labels (held-out man-made events excluded). */
  crisislexT26?: boolean;
  /** At most this many weakly labelled texts per unlabelled source (0: none). */
  weakMax?: number;
  /**
   * Weight of the team's Levantine messages rendered in Arabizi (arabizi.ts), one per message, source
   * `conflict-arabizi`; 0 or absent: none.
   */
  arabiziWeight?: number;
}

/**
 * Training data: HumAID train, CrisisNLP, CrisisLexT6 off-topic, IDRISI-EN and IDRISI-AR (held-out
 * events removed). Every tweet id that appears in HumAID dev/test or a held-out CrisisLexT26 event is
 * dropped from all sources, then ids are deduplicated (first source wins) before anything is used.
 */
export function buildTrainingSet(data: string, opt: TrainingSetOptions): TrainingSet {
  const dev = loadHumaid(data, 'dev');
  const test = loadHumaid(data, 'test');
  const heldIds = new Set<string>([...dev, ...test].map((e) => e.id));
  for (const e of loadCrisisLexT26(data, HELD_OUT.crisislexT26)) heldIds.add(e.id);

  const rand = seededRandom(opt.seed);
  const t6 = shuffleInPlace(loadCrisisLexT6(data), rand).slice(0, opt.maxT6);
  const sources: Example[][] = [
    loadHumaid(data, 'train'),
    loadCrisisNlp(data),
    loadIdrisiEnTraining(data),
    loadIdrisiArTraining(data),
    t6,
    ...(opt.crisislexT26 ? [loadCrisisLexT26Training(data)] : []),
    ...(opt.weakMax ? [weakExamples(data, opt.weakMax)] : []),
  ];
  const seen = new Set<string>();
  const train: TrainingSet['train'] = [];
  const counts: Record<string, number> = {};
  const dir = opt.conflictDir;
  const files = dir ? conflictTrainingFiles(dir, opt.conflictExclude) : [];
  const conflict = files.flatMap((file) => readConflictFile(join(dir as string, file)).map((c) => ({ ...c, file })));
  for (const c of conflict) {
    // a variety with its own weight (e.g. conflict-ar-arabizi) is its own source; otherwise by language
    const own = `conflict-${c.lang}-${c.variety}`;
    const source = own in opt.weights ? own : `conflict-${c.lang}`;
    const weight = opt.weights[c.file] ?? opt.weights[source] ?? 1;
    train.push({ text: c.text, label: CATEGORY_TO_FINE[c.label], source, weight });
    counts[source] = (counts[source] ?? 0) + 1;
  }
  if (opt.arabiziWeight) {
    const r = seededRandom(opt.seed ^ 0x0a7ab121);
    for (const c of conflict) {
      if (c.variety !== 'levantine') continue;
      train.push({
        text: toArabizi(c.text, r),
        label: CATEGORY_TO_FINE[c.label],
        source: 'conflict-arabizi',
        weight: opt.arabiziWeight,
      });
      counts['conflict-arabizi'] = (counts['conflict-arabizi'] ?? 0) + 1;
    }
  }
  let droppedAsHeldOut = 0;
  let droppedAsDuplicate = 0;
  for (const src of sources) {
    for (const e of src) {
      if (e.id && heldIds.has(e.id)) {
        droppedAsHeldOut++;
        continue;
      }
      if (e.id && seen.has(e.id)) {
        droppedAsDuplicate++;
        continue;
      }
      if (e.id) seen.add(e.id);
      train.push({ text: e.text, label: e.label, source: e.source, weight: opt.weights[e.source] ?? 1 });
      counts[e.source] = (counts[e.source] ?? 0) + 1;
    }
  }
  for (const e of opt.extra ?? []) {
    train.push(e);
    counts[e.source] = (counts[e.source] ?? 0) + 1;
  }
  return { train, dev, counts, droppedAsHeldOut, droppedAsDuplicate };
}
