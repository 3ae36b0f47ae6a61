import type { Kysely, Selectable } from 'kysely';
import type { Alert } from '../../core/alert.ts';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/hash.ts';
import type { AlertsTable } from '../schema/alerts.ts';
import type { Database } from '../schema/database.ts';

export interface StoredAlert {
  alert: Alert;
  seq: number;
  acknowledged?: { at: string; by: string; comment?: string };
}

export async function listAlerts(
  db: Kysely<Database>,
  opts: { unacknowledged?: boolean; limit?: number } = {},
): Promise<StoredAlert[]> {
  let q = db.selectFrom('alerts').selectAll();
  if (opts.unacknowledged) q = q.where('acknowledged_at', 'is', null);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(opts.limit ?? 1000)
    .execute();
  return rows.map(toStoredAlert);
}

function toStoredAlert(r: Selectable<AlertsTable>): StoredAlert {
  return {
    alert: JSON.parse(r.alert) as Alert,
    seq: Number(r.seq),
    acknowledged: r.acknowledged_at
      ? { at: r.acknowledged_at, by: r.acknowledged_by ?? '', comment: r.ack_comment ?? undefined }
      : undefined,
  };
}

/** What de-duplication and rate limits need: every raised key, subject and time. */
export async function raisedAlerts(db: Kysely<Database>): Promise<{ key: string; subject: string; at: string }[]> {
  return db.selectFrom('alerts').select(['key', 'subject', 'at']).execute();
}

export async function findAlert(db: Kysely<Database>, idOrPrefix: string): Promise<StoredAlert> {
  const rows = await db.selectFrom('alerts').selectAll().where('id', 'like', `${idOrPrefix}%`).limit(2).execute();
  if (rows.length === 0) throw new NotFoundError(`no alert ${idOrPrefix}`, idOrPrefix);
  if (rows.length > 1) throw new UsageError(`alert id ${idOrPrefix} is ambiguous`, idOrPrefix);
  return toStoredAlert(rows[0]);
}

export interface DeliveryRow {
  alertId: string;
  channel: string;
  target: string;
  ok: boolean;
  attempts: { at: string; ok: boolean; status?: number; error?: string }[];
}

/** The delivery log (system tier). */
export async function recordDelivery(db: Kysely<Database>, d: DeliveryRow): Promise<void> {
  const at = d.attempts.at(-1)?.at ?? new Date(0).toISOString();
  await db
    .insertInto('alert_deliveries')
    .values({
      id: sha256Hex(`${d.alertId}\n${d.channel}\n${d.target}\n${at}`).slice(0, 24),
      alert_id: d.alertId,
      channel: d.channel,
      target: d.target,
      ok: d.ok ? 1 : 0,
      attempts: JSON.stringify(d.attempts),
      at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function listDeliveries(db: Kysely<Database>, alertId?: string): Promise<DeliveryRow[]> {
  let q = db.selectFrom('alert_deliveries').selectAll();
  if (alertId) q = q.where('alert_id', '=', alertId);
  const rows = await q.orderBy('at').execute();
  return rows.map((r) => ({
    alertId: r.alert_id,
    channel: r.channel,
    target: r.target,
    ok: r.ok === 1,
    attempts: JSON.parse(r.attempts),
  }));
}

/** Where one alert went through one channel and target: every try folded into one line. */
export interface DeliverySummary {
  channel: string;
  target: string;
  ok: boolean;
  /** Attempts over every delivery (a webhook tries several times per delivery). */
  tries: number;
  lastAt: string;
  /** HTTP or SMTP status, or the error, of the last attempt. */
  lastStatus?: number;
  lastError?: string;
}

/** Delivery summaries for the given alerts, keyed by alert id; alerts never delivered are absent. */
export async function deliverySummaries(
  db: Kysely<Database>,
  alertIds: readonly string[],
): Promise<Map<string, DeliverySummary[]>> {
  const out = new Map<string, DeliverySummary[]>();
  if (alertIds.length === 0) return out;
  const rows = await db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('alert_id', 'in', [...alertIds])
    .orderBy('at')
    .execute();
  for (const r of rows) {
    const attempts = JSON.parse(r.attempts) as DeliveryRow['attempts'];
    const last = attempts.at(-1);
    const list = out.get(r.alert_id) ?? [];
    let s = list.find((x) => x.channel === r.channel && x.target === r.target);
    if (!s) {
      s = { channel: r.channel, target: r.target, ok: false, tries: 0, lastAt: r.at };
      list.push(s);
    }
    s.tries += attempts.length;
    s.ok ||= r.ok === 1;
    s.lastAt = r.at;
    s.lastStatus = last?.status;
    s.lastError = last?.error;
    out.set(r.alert_id, list);
  }
  return out;
}
