export interface ClassScores {
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  n: number;
}

/** Accuracy, macro-F1 and support-weighted F1 over the labels present in gold or predictions. */
export function classScores(gold: string[], pred: string[], labels?: readonly string[]): ClassScores {
  const ls = labels ?? [...new Set([...gold, ...pred])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    const p = pred[i];
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  }
  const perClass: ClassScores['perClass'] = {};
  let macro = 0;
  let weighted = 0;
  let counted = 0;
  for (const l of ls) {
    const t = tp.get(l) ?? 0;
    const support = t + (fn.get(l) ?? 0);
    const precision = t + (fp.get(l) ?? 0) ? t / (t + (fp.get(l) ?? 0)) : 0;
    const recall = support ? t / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support };
    if (support > 0) {
      macro += f1;
      counted++;
      weighted += f1 * support;
    }
  }
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: counted ? macro / counted : 0,
    weightedF1: gold.length ? weighted / gold.length : 0,
    perClass,
    n: gold.length,
  };
}

/** Span-level precision/recall/F1 from counts. */
export function prf(tp: number, nPred: number, nGold: number): { precision: number; recall: number; f1: number } {
  const precision = nPred ? tp / nPred : 0;
  const recall = nGold ? tp / nGold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
