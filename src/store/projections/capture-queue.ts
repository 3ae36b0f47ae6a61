import { canonicalJson } from '../../core/canonical-json.ts';
import {
  CAPTURE_COMPLETED,
  CAPTURE_FAILED,
  CAPTURE_REQUESTED,
  type CaptureCompletedPayload,
  type CaptureFailedPayload,
  type CaptureRequestedPayload,
  captureJobId,
} from '../../core/capture-events.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Projector } from '../contract.ts';
import { sqliteStatements } from '../sqlite-statements.ts';

/**
 * capture_jobs from the ledger: a request adds a pending job (once: a re-import or a rebuild changes
 * nothing), a completion or final failure closes it. The table is system tier, so rebuild keeps the
 * worker's tries and leases.
 */
export const captureQueueProjector: Projector = {
  name: 'capture-queue',
  kinds: [CAPTURE_REQUESTED, CAPTURE_COMPLETED, CAPTURE_FAILED],
  async apply(db, events) {
    // SQLite: one prepared insert for every request (a live stream queues one per post).
    const fast = sqliteStatements(db);
    const insert = fast?.statement(
      `insert into capture_jobs (id, message_id, url, kind, state, attempts, next_try_at, lease_owner, lease_until,
       last_error, requested_seq, result_seq, result, updated_at)
       values (?, ?, ?, ?, 'pending', 0, ?, null, null, null, ?, null, null, ?) on conflict (id) do nothing`,
    );
    for (const e of events) {
      if (e.kind === CAPTURE_REQUESTED) {
        const p = (e as LedgerEvent<CaptureRequestedPayload>).payload;
        if (insert) {
          for (const r of p.requests)
            insert.run(captureJobId(p.messageId, r.url), p.messageId, r.url, r.kind, e.at, e.seq, e.at);
          continue;
        }
        for (const r of p.requests)
          await db
            .insertInto('capture_jobs')
            .values({
              id: captureJobId(p.messageId, r.url),
              message_id: p.messageId,
              url: r.url,
              kind: r.kind,
              state: 'pending',
              attempts: 0,
              next_try_at: e.at,
              lease_owner: null,
              lease_until: null,
              last_error: null,
              requested_seq: e.seq,
              result_seq: null,
              result: null,
              updated_at: e.at,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        continue;
      }
      const p = (e as LedgerEvent<CaptureCompletedPayload | CaptureFailedPayload>).payload;
      await db
        .updateTable('capture_jobs')
        .set({
          state: e.kind === CAPTURE_COMPLETED ? 'done' : 'failed',
          result: canonicalJson(p),
          result_seq: e.seq,
          lease_owner: null,
          lease_until: null,
          updated_at: e.at,
        })
        .where('id', '=', p.jobId)
        .execute();
    }
  },
};
