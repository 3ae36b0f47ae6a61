import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Dialect, Projector } from '../contract.ts';
import type { Database } from '../schema/database.ts';
import type { Kysely } from 'kysely';
import { blobsProjector } from './blobs.ts';
import { messagesProjector } from './messages.ts';
import { peopleProjector } from './people.ts';
import { alertsProjector } from './alerts.ts';
import { analysisProjector } from './analysis.ts';
import { duplicatesProjector } from './duplicates.ts';

/** Every projector, one line each. They run in this order for each batch of events. */
export const projectors: Projector[] = [blobsProjector, messagesProjector, peopleProjector, alertsProjector, analysisProjector, duplicatesProjector];

/** Apply events to every projector that handles their kind, keeping seq order within each. */
export async function project(db: Kysely<Database>, events: LedgerEvent[], dialect: Dialect): Promise<void> {
  for (const p of projectors) {
    const mine = events.filter((e) => p.kinds.includes(e.kind));
    if (mine.length > 0) await p.apply(db, mine, dialect);
  }
}
