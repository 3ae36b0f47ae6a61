import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadIdrisi } from '../../src/analysis/classify/corpora.ts';
import { prf } from '../../src/analysis/classify/metrics.ts';
import { type Casualty, extractCasualties } from '../../src/analysis/extract/casualties.ts';
import { canonicalPlace, wideGazetteer } from '../../src/analysis/extract/place-lexicon.ts';

/**
 * An article's figure for a group, from the extracted casualties: the first "killed" figure of that
 * group (for civilians: civilians, people or no group, since news articles lead with the toll).
 */
export function articleFigure(c: Casualty[], field: 'civilians' | 'children' | 'women'): number {
  const ok =
    field === 'civilians'
      ? (x: Casualty) => !x.group || x.group === 'civilians' || x.group === 'people'
      : (x: Casualty) => x.group === field;
  return c.find((x) => x.kind === 'killed' && ok(x))?.count ?? 0;
}

export interface FieldScore {
  exact: number;
  mae: number;
  n: number;
}

export function evalFakes(data: string): Record<'civilians' | 'children' | 'women', FieldScore> {
  const rows: Record<string, string>[] = parse(readFileSync(join(data, 'fa-kes-syria', 'fakes.csv'), 'utf8'), {
    columns: true,
  });
  const fields = ['civilians', 'children', 'women'] as const;
  const acc = Object.fromEntries(fields.map((f) => [f, { exact: 0, abs: 0 }])) as Record<
    (typeof fields)[number],
    { exact: number; abs: number }
  >;
  for (const r of rows) {
    const c = extractCasualties(`${r.article_title}. ${r.article_content}`);
    for (const f of fields) {
      const gold = Number(r[`nb_${f}`]) || 0;
      const got = articleFigure(c, f);
      if (got === gold) acc[f].exact++;
      acc[f].abs += Math.abs(got - gold);
    }
  }
  return Object.fromEntries(
    fields.map((f) => [f, { exact: acc[f].exact / rows.length, mae: acc[f].abs / rows.length, n: rows.length }]),
  ) as Record<(typeof fields)[number], FieldScore>;
}

/**
 * IDRISI's annotators marked a hashtag that is a place name (#حفر_الباطن) but mostly not a place
 * inside a longer hashtag (#امطار_الكويت): keep the first kind, blank the second.
 */
export const COMPOUND_HASHTAG = /#\S*_\S*/gu;
function annotatorsHashtags(text: string, gz: ReturnType<typeof wideGazetteer>): string {
  return text.replace(COMPOUND_HASHTAG, (tag) => {
    const words = tag.slice(1).replace(/_/g, ' ');
    const m = gz.find(words);
    return m.length === 1 && canonicalPlace(m[0].matched) === canonicalPlace(words) ? words : ' ';
  });
}

/**
 * Place mentions on IDRISI LMR dev splits (the place list was learned from train splits only):
 * per tweet, predicted and gold mentions are matched as multisets of canonical names.
 */
export function evalIdrisiPlaces(
  data: string,
  lang: 'AR' | 'EN',
): { precision: number; recall: number; f1: number; n: number } {
  const gz = wideGazetteer();
  let tp = 0;
  let nPred = 0;
  let nGold = 0;
  const recs = loadIdrisi(data, lang, ['dev']);
  for (const { rec } of recs) {
    const gold = (rec.location_mentions ?? []).map((m) => canonicalPlace(m.text.replace(/^#/, '').replace(/_/g, ' ')));
    const pred = gz.find(annotatorsHashtags(rec.text, gz)).map((m) => canonicalPlace(m.matched));
    nGold += gold.length;
    nPred += pred.length;
    const pool = [...gold];
    for (const p of pred) {
      const i = pool.indexOf(p);
      if (i >= 0) {
        tp++;
        pool.splice(i, 1);
      }
    }
  }
  return { ...prf(tp, nPred, nGold), n: recs.length };
}
