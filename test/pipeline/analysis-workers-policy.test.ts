import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasDefaultModel } from '../../src/analysis/classify/model-files.ts';
import { analysisStage } from '../../src/pipeline/analysis-stage.ts';
import { AnalysisAhead, WORKERS_FROM_BYTES } from '../../src/pipeline/analysis-workers/ahead.ts';
import { type ValidatedBatch, validateBatch } from '../../src/pipeline/capture.ts';
import { captureStage } from '../../src/pipeline/capture-stage.ts';
import { pending, raw } from '../helpers/messages.ts';
import { sqliteFactory } from '../helpers/stores.ts';

function batch(n: number): ValidatedBatch {
  const messages = Array.from({ length: n }, (_, i) => pending(raw(String(i), `shelling in Aleppo ${i}`), i + 1));
  return validateBatch(messages, '2026-12-05T12:00:00.000Z');
}

describe('when a bulk import analyzes on worker threads', { skip: !hasDefaultModel() && 'no triage model' }, () => {
  it('not for a small file, nor without the analysis stage, nor with VIGIL_ANALYSIS_WORKERS=0', async () => {
    const t = await sqliteFactory();
    try {
      for (const ahead of [
        new AnalysisAhead([analysisStage, captureStage], { inputBytes: 100_000, workers: 1 }),
        new AnalysisAhead([captureStage], { inputBytes: WORKERS_FROM_BYTES, workers: 1 }),
        new AnalysisAhead([analysisStage, captureStage], { inputBytes: WORKERS_FROM_BYTES, workers: 0 }),
      ]) {
        assert.equal(ahead.submit(t.store, batch(1000)), undefined);
        await ahead.close();
      }
    } finally {
      await t.dispose();
    }
  });

  it('from the first batch of a big file', async () => {
    const t = await sqliteFactory();
    const ahead = new AnalysisAhead([analysisStage, captureStage], { inputBytes: WORKERS_FROM_BYTES, workers: 1 });
    try {
      const b = batch(50);
      assert.equal(b.valid.length, 50);
      const analyzed = ahead.submit(t.store, b);
      assert.ok(analyzed, 'the batch goes to a worker');
      await analyzed;
      assert.equal(ahead.failure, undefined);
    } finally {
      await ahead.close();
      await t.dispose();
    }
  });
});
