import type { FeatureOptions } from './features.ts';

/** The committed model's training configuration (`npm run train`, train-cli.ts). */
export const COMMITTED_TRAIN_CONFIG = {
  // chosen with the sixth pass (eval/RESULTS.md, issue 12): of the three seeds of the same data, the one
  // that keeps farewell recall >= 0.85 in both languages without more demo farewells than before; kept as it
  // was for the seventh pass (its three seeds were scored, seed 1 was not re-chosen among them)
  seed: 1,
  epochs: 8,
  learningRate: 0.2,
  l2: 0,
  classBalance: 0.5,
  maxT6: 1500,
  weights: {
    humaid: 1,
    crisisnlp: 0.6,
    'idrisi-en': 0.8,
    'idrisi-ar': 2,
    'crisislex-t6': 0.3,
    'crisislex-t26': 0.5,
    // chosen on the conflict dev set: eval/RESULTS.md, "Triage model selection"
    'conflict-en': 10,
    'conflict-ar': 10,
    'weak-fakes': 0.3,
    'weak-t26': 0.3,
    confirmed: 3,
  } as Record<string, number>,
  crisislexT26: true,
  weakMax: 1500,
  /**
   * Files of models/data/conflict left out of training (training-set.ts); none since the sixth pass (every
   * team file is trained on, the seventh pass's too; eval/RESULTS.md, issue 12).
   */
  conflictExclude: [] as string[],
  /** The team's Levantine messages rendered in Arabizi (arabizi.ts) at this weight; 0: none. */
  arabiziWeight: 0,
  /**
   * Added to the bias (the ensemble's offsets) of the labels only the team's data teaches, after training.
   * Chosen on the conflict DEV set for macro-F1 with farewell recall >= 0.85 in each language
   * (eval/triage/ensemble-sweep.ts, eval/triage/new-label-offsets.ts; eval/RESULTS.md, issue 12).
   */
  /**
   * HumAID's class offsets of the ensemble (tuned on all of HumAID dev) are multiplied by this: tuned on one
   * half of HumAID dev and scored on the other, full offsets over-fit (eval/RESULTS.md, issue 12 fourth pass).
   */
  humaidOffsetShrink: 0.5,
  newLabelOffsets: { farewell: -1.25, alive_and_safe: -1.5, going_offline: -1 } as Record<string, number>,
  // digits kept inside Latin words (Arabizi 7 = ح, 3 = ع ...): chosen on the conflict dev set (eval/RESULTS.md,
  // issue 12 fourth pass)
  features: { arabiziDigits: true } as FeatureOptions,
  /**
   * The subword-embedding model (subword-embeddings.ts) averaged with the linear one in probability;
   * null trains the linear model alone. Chosen on the conflict dev set and HumAID dev (eval/RESULTS.md).
   */
  subword: {
    dim: 16,
    epochs: 5,
    learningRate: 0.5,
    maxExampleWeight: 10,
    linearWeight: 0.7,
    // farewell, alive/safe and going offline from the linear model alone: with the subword model's
    // share, everyday siege posts in the demo became farewells (eval/RESULTS.md, issue 12 third pass)
    newLabelLinearWeight: 1,
  } as null | {
    dim: number;
    epochs: number;
    learningRate: number;
    maxExampleWeight: number;
    linearWeight: number;
    newLabelLinearWeight: number;
    /** Units of a hidden tanh layer in the subword model (subword-embeddings.ts); absent: none. */
    hidden?: number;
  },
};

/** The configuration `npm run train` uses: the committed one, with experiments' overrides. */
export const TRAIN_CONFIG: typeof COMMITTED_TRAIN_CONFIG = {
  ...COMMITTED_TRAIN_CONFIG,
  // experiments only: VIGIL_TRAIN_OVERRIDES='{"epochs":8}'
  ...(process.env.VIGIL_TRAIN_OVERRIDES ? JSON.parse(process.env.VIGIL_TRAIN_OVERRIDES) : {}),
};
