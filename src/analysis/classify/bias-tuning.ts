import { classScores } from './metrics.ts';

/**
 * Per-class offsets added to the logits that maximize macro-F1 on a tuning set (coordinate ascent on
 * a fixed grid, deterministic). Linear models trained on skewed classes under-predict rare ones; this
 * moves the decision boundaries without retraining.
 */
export function tuneBiasOffsets(
  logits: Float64Array[],
  gold: number[],
  k: number,
  rounds = 3,
): { offsets: number[]; macroF1: number } {
  const offsets = new Array<number>(k).fill(0);
  const goldS = gold.map(String);
  const score = () => {
    const pred = logits.map((l) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (l[j] + offsets[j] > l[best] + offsets[best]) best = j;
      return String(best);
    });
    return classScores(goldS, pred).macroF1;
  };
  let best = score();
  for (let r = 0; r < rounds; r++) {
    let improved = false;
    for (let j = 0; j < k; j++) {
      const keep = offsets[j];
      let bestV = keep;
      for (let d = -1.5; d <= 1.5001; d += 0.1) {
        offsets[j] = Math.round((keep + d) * 100) / 100;
        const s = score();
        if (s > best + 1e-9) {
          best = s;
          bestV = offsets[j];
          improved = true;
        }
      }
      offsets[j] = bestV;
    }
    if (!improved) break;
  }
  return { offsets, macroF1: best };
}
