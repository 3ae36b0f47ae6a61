import { ledgerMigration } from './202611261800-ledger.ts';
import { messagesMigration } from './202611261801-messages.ts';
import { blobsMigration } from './202611261802-blobs.ts';
import { usersAuthMigration } from './202611261830-users-auth.ts';
import { peopleAlertsMigration } from './202611261900-people-alerts.ts';
import { alertDeliveriesMigration } from './202611261901-alert-deliveries.ts';
import { analysisMigration } from './202611262000-analysis.ts';
import { duplicatesMigration } from './202611262001-duplicates.ts';
import { settingsMigration } from './202611281200-settings.ts';
import { searchStatisticsMigration } from './202611301200-search-statistics.ts';
import { messageCountsMigration } from './202612011200-message-counts.ts';
import { accountLookupMigration } from './202612021000-account-lookup.ts';
import { placeCountIndexesMigration } from './202612021200-place-count-indexes.ts';
import { liveCollectionMigration } from './202612041800-live-collection.ts';
import { messageKindGeoEventsMigration } from './202612041800-message-kind-geo-events.ts';
import { captureQueueMigration } from './202612041900-capture-queue.ts';
import { trigramBacklogMigration } from './202612041900-trigram-backlog.ts';
import { analysisDupSignatureMigration } from './202612052130-analysis-dup-signature.ts';
import { analysesInTimeOrderMigration } from './202612052131-analyses-in-time-order.ts';
import { slimmerStoreMigration } from './202612052140-slimmer-store.ts';
import { userSettingsMigration } from './202612052160-user-settings.ts';
import { compressedLedgerPayloadMigration } from './202612061200-compressed-ledger-payload.ts';
import { ledgerKindPartialMigration } from './202612061201-ledger-kind-partial.ts';
import type { Migration } from './migration.ts';

/** Every migration, one line each. The runner sorts them by name. */
export const migrations: Migration[] = [
  ledgerMigration,
  messagesMigration,
  blobsMigration,
  usersAuthMigration,
  peopleAlertsMigration,
  alertDeliveriesMigration,
  analysisMigration,
  duplicatesMigration,
  settingsMigration,
  searchStatisticsMigration,
  messageCountsMigration,
  accountLookupMigration,
  placeCountIndexesMigration,
  messageKindGeoEventsMigration,
  liveCollectionMigration,
  trigramBacklogMigration,
  captureQueueMigration,
  analysisDupSignatureMigration,
  analysesInTimeOrderMigration,
  slimmerStoreMigration,
  userSettingsMigration,
  compressedLedgerPayloadMigration,
  ledgerKindPartialMigration,
];
