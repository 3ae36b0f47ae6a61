import { analysisStage } from './analysis-stage.ts';
import { captureStage } from './capture-stage.ts';
import type { Stage } from './stage.ts';

/** Stages run on every captured batch, on import and live ingest alike. One line each. */
export const stages: Stage[] = [analysisStage, captureStage];
