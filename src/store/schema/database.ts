import type { AlertDeliveriesTable } from './alert-deliveries.ts';
import type { AlertsTable } from './alerts.ts';
import type { AnalysesTable } from './analyses.ts';
import type { AuthSessionsTable } from './auth-sessions.ts';
import type { AuthTokensTable } from './auth-tokens.ts';
import type { BlobsTable } from './blobs.ts';
import type { LabelsTable } from './labels.ts';
import type { LedgerTable } from './ledger.ts';
import type { MessageAuthorsTable } from './message-authors.ts';
import type { MessageCountsTable } from './message-counts.ts';
import type { MessageDuplicatesTable } from './message-duplicates.ts';
import type { MessagePlacesTable } from './message-places.ts';
import type { MessageVersionsTable } from './message-versions.ts';
import type { MessagesTable } from './messages.ts';
import type { MigrationsTable } from './migrations.ts';
import type { NotesTable } from './notes.ts';
import type { PeopleTable } from './people.ts';
import type { PersonAccountsTable } from './person-accounts.ts';
import type { SettingsTable } from './settings.ts';
import type { SourceEventsTable } from './source-events.ts';
import type { UsersTable } from './users.ts';

/** Every table Kysely knows. Domain modules add one line each. */
export interface Database {
  vigil_migrations: MigrationsTable;
  ledger: LedgerTable;
  messages: MessagesTable;
  message_versions: MessageVersionsTable;
  message_counts: MessageCountsTable;
  message_authors: MessageAuthorsTable;
  blobs: BlobsTable;
  users: UsersTable;
  auth_tokens: AuthTokensTable;
  auth_sessions: AuthSessionsTable;
  people: PeopleTable;
  person_accounts: PersonAccountsTable;
  notes: NotesTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  analyses: AnalysesTable;
  message_places: MessagePlacesTable;
  labels: LabelsTable;
  message_duplicates: MessageDuplicatesTable;
  settings: SettingsTable;
  source_events: SourceEventsTable;
}
