import { CAPTURE_REQUESTED, type CaptureRequestedPayload } from '../core/capture-events.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import { captureTargets } from '../evidence/capture/targets.ts';
import type { Stage } from './stage.ts';

/**
 * Queues what a captured message points to (media, links, its own page) for the capture worker: one
 * capture.requested event per message, projected into capture_jobs in the same transaction. Nothing is
 * fetched here, so import and ingest stay as fast as before; `vigil capture` (or serve/watch) fetches.
 */
export const captureStage: Stage = {
  name: 'capture',
  async run(batch) {
    const drafts: LedgerEventDraft<CaptureRequestedPayload>[] = [];
    for (const c of batch) {
      const requests = captureTargets(c.message);
      if (requests.length === 0) continue;
      drafts.push({
        kind: CAPTURE_REQUESTED,
        at: c.message.capturedAt,
        actor: 'system',
        payload: { messageId: c.id, requests },
      });
    }
    return drafts;
  },
};
