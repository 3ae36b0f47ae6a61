import { CaptureCompletedPayload } from '../../core/capture-events.ts';
import type { Store } from '../../store/contract.ts';
import { captureJobsOf } from '../../store/queries/capture-queue.ts';

export interface CaptureFile {
  /** Path under data/captures/: `<message id>/<job id>/capture.wacz` or `…/screenshot.png`. */
  path: string;
  /** The blob holding it. */
  sha256: string;
}

/**
 * The finished captures of the selected messages, for data/captures/ of an evidence bag: each capture's
 * WACZ (its WARC, pages and index inside, replayable in ReplayWeb.page) and, for pages, the full-page
 * screenshot. The bag re-hashes each blob as it packs it; the ledger's capture.completed event names
 * the same hashes.
 */
export async function captureFiles(store: Store, messageIds: string[]): Promise<CaptureFile[]> {
  const out: CaptureFile[] = [];
  for (const messageId of messageIds) {
    for (const job of await captureJobsOf(store.db, messageId)) {
      if (job.state !== 'done' || job.result === undefined) continue;
      const result = CaptureCompletedPayload.safeParse(job.result);
      if (!result.success) continue;
      const c = result.data;
      const parts: [string, string][] = [['capture.wacz', c.wacz.sha256]];
      if (c.page) parts.push(['screenshot.png', c.page.screenshot.sha256]);
      for (const [name, sha256] of parts) out.push({ path: `${messageId}/${job.id}/${name}`, sha256 });
    }
  }
  return out;
}
