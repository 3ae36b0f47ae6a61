import { tuneBiasOffsets } from '../../src/analysis/classify/bias-tuning.ts';
import type { Example } from '../../src/analysis/classify/corpora.ts';
import { EnsembleModel } from '../../src/analysis/classify/ensemble-model.ts';
import { classScores } from '../../src/analysis/classify/metrics.ts';
import type { TriageModel } from '../../src/analysis/classify/triage-model.ts';
import { FINE_LABELS, HUMAID_CLASS_COUNT as H } from '../../src/analysis/taxonomy.ts';

/**
 * HumAID dev macro-F1 without the optimism of offsets tuned on the same messages: HumAID's class offsets
 * are tuned on one half of HumAID dev (even/odd positions), multiplied by `shrink`, and scored on the
 * other half; the mean of both ways. For an ensemble, its own HumAID offsets are set aside first (the
 * new labels' offsets stay). For comparing models on HumAID dev, and for choosing `shrink`.
 */
export function humaidDevSplitHalf(model: TriageModel, dev: Example[], shrinks: number[]): number[] {
  const raw =
    model instanceof EnsembleModel ? model.withOffsets(model.meta.offsets.map((x, j) => (j < H ? 0 : x))) : model;
  const logits = dev.map((e) => raw.scores(e.text).slice(0, H));
  const gold = dev.map((e) => FINE_LABELS.indexOf(e.label));
  const halves: number[][] = [[], []];
  for (let i = 0; i < dev.length; i++) halves[i % 2].push(i);
  const at = (off: number[], idx: number[]) => {
    const pred = idx.map((i) => {
      let b = 0;
      for (let j = 1; j < H; j++) if (logits[i][j] + off[j] > logits[i][b] + off[b]) b = j;
      return String(b);
    });
    return classScores(
      idx.map((i) => String(gold[i])),
      pred,
    ).macroF1;
  };
  const tuned = [0, 1].map(
    (a) =>
      tuneBiasOffsets(
        halves[a].map((i) => logits[i]),
        halves[a].map((i) => gold[i]),
        H,
      ).offsets,
  );
  return shrinks.map(
    (s) =>
      (at(
        tuned[0].map((x) => x * s),
        halves[1],
      ) +
        at(
          tuned[1].map((x) => x * s),
          halves[0],
        )) /
      2,
  );
}
