import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnalyzeOptions, triageText } from '../../src/analysis/analyze.ts';
import { type ConflictItem, readConflictFile } from '../../src/analysis/classify/conflict-data.ts';
import { type ClassScores, classScores } from '../../src/analysis/classify/metrics.ts';
import { CATEGORIES, type Category } from '../../src/analysis/taxonomy.ts';

export const CONFLICT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'conflict');

export interface ConflictScores {
  all: ClassScores;
  byLang: Record<'en' | 'ar', ClassScores>;
  byVariety: Record<string, ClassScores>;
  /** Confusions (gold -> predicted) with their count and texts, most frequent first. */
  confusions: { gold: Category; pred: Category; n: number; texts: string[] }[];
}

/**
 * The team's bilingual conflict set (eval/conflict/<split>.jsonl), scored with the full triage (model +
 * rules) on Vigil's 11 categories. A prediction that is one of the message's `also` categories is not
 * counted right: the primary label decides.
 */
export function evalConflict(split: 'dev' | 'test', opts: AnalyzeOptions = {}): ConflictScores | undefined {
  const f = join(CONFLICT_DIR, `${split}.jsonl`);
  if (!existsSync(f)) return undefined;
  const items = readConflictFile(f);
  const pred = items.map((it) => triageText(it.text, opts).category);
  const score = (keep: (it: ConflictItem) => boolean) => {
    const idx = items.flatMap((it, i) => (keep(it) ? [i] : []));
    return classScores(
      idx.map((i) => items[i].label),
      idx.map((i) => pred[i]),
      CATEGORIES,
    );
  };
  const conf = new Map<string, { gold: Category; pred: Category; n: number; texts: string[] }>();
  items.forEach((it, i) => {
    if (pred[i] === it.label) return;
    const k = `${it.label}>${pred[i]}`;
    const c = conf.get(k) ?? { gold: it.label, pred: pred[i], n: 0, texts: [] };
    c.n++;
    c.texts.push(it.text);
    conf.set(k, c);
  });
  const varieties = [...new Set(items.map((it) => it.variety))].sort();
  return {
    all: score(() => true),
    byLang: { en: score((it) => it.lang === 'en'), ar: score((it) => it.lang === 'ar') },
    byVariety: Object.fromEntries(varieties.map((v) => [v, score((it) => it.variety === v)])),
    confusions: [...conf.values()].sort((a, b) => b.n - a.n || a.gold.localeCompare(b.gold)),
  };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

/** The 20 worst confusions: the most frequent (gold, predicted) pairs, one example text each, then more texts. */
export function errorTable(c: ConflictScores, rows = 20): string {
  const out = ['| gold | predicted | count | example text |', '|---|---|---|---|'];
  let n = 0;
  for (const e of c.confusions) {
    for (const t of e.texts.slice(0, 2)) {
      if (n++ >= rows) break;
      out.push(`| ${e.gold} | ${e.pred} | ${e.n} | ${oneLine(t)} |`);
    }
    if (n >= rows) break;
  }
  return out.join('\n');
}
