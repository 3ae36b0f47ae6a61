import type { LedgerEventDraft } from '../core/ledger-event.ts';
import type { Message } from '../core/message.ts';

/** A message the pipeline has decided to capture (new, or a new version of one). */
export interface CapturedMessage {
  id: string;
  contentHash: string;
  message: Message;
}

/**
 * A step after capture (analysis, ...). It returns the events to append with the capture, in the
 * same transaction. A stage that throws is counted as a failure for that batch; capture goes on.
 */
export interface Stage {
  name: string;
  /**
   * May run after the capture commit, in a transaction of its own (live streams do that so a post is
   * searchable before it is triaged). Stages that must be atomic with the capture leave it unset.
   */
  deferrable?: boolean;
  run(batch: CapturedMessage[]): Promise<LedgerEventDraft[]>;
}
