import type { Kysely } from 'kysely';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Dialect, Projector } from '../contract.ts';
import type { Database } from '../schema/database.ts';
import { alertsProjector } from './alerts.ts';
import { blobsProjector } from './blobs.ts';
import { captureQueueProjector } from './capture-queue.ts';
import { deletionsProjector } from './deletions.ts';
import { duplicatesProjector } from './duplicates.ts';
import { messagesProjector } from './messages.ts';
import { peopleProjector } from './people.ts';
import { sourceEventsProjector } from './source-events.ts';

/**
 * The store's own projectors, one line each: they need nothing but ledger payloads. Projectors that
 * need a domain's logic are passed in when the store is opened and run after these.
 */
export const storeProjectors: readonly Projector[] = [
  blobsProjector,
  messagesProjector,
  peopleProjector,
  alertsProjector,
  duplicatesProjector,
  deletionsProjector,
  sourceEventsProjector,
  captureQueueProjector,
];

/** Apply events to every projector that handles their kind, in the projectors' order, keeping seq order within each. */
export async function project(
  db: Kysely<Database>,
  events: LedgerEvent[],
  dialect: Dialect,
  projectors: readonly Projector[],
): Promise<void> {
  for (const p of projectors) {
    const mine = events.filter((e) => p.kinds.includes(e.kind));
    if (mine.length > 0) await p.apply(db, mine, dialect);
  }
}
