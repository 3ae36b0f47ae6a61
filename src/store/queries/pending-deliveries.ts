import type { Kysely } from 'kysely';
import type { Alert } from '../../core/alert.ts';
import type { Database } from '../schema/database.ts';

/** An alert not yet delivered through one channel and target, with its failed tries so far. */
export interface PendingDelivery {
  alert: Alert;
  /** Delivery log rows for this channel and target, all failed. */
  failures: number;
  /** When the last of them ended. */
  lastFailureAt?: string;
}

/**
 * Unacknowledged alerts raised at or after `since` that have no successful delivery to `channel` and
 * `target` in the delivery log, oldest first. An alert raised just now is here with no failures, as is
 * one whose delivery never ran because the process stopped between raising and delivering it.
 */
export async function pendingDeliveries(
  db: Kysely<Database>,
  channel: string,
  target: string,
  since: string,
): Promise<PendingDelivery[]> {
  const alerts = await db
    .selectFrom('alerts')
    .select(['id', 'alert'])
    .where('at', '>=', since)
    .where('acknowledged_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alert_deliveries as d')
            .select('d.id')
            .whereRef('d.alert_id', '=', 'alerts.id')
            .where('d.channel', '=', channel)
            .where('d.target', '=', target)
            .where('d.ok', '=', 1),
        ),
      ),
    )
    .orderBy('seq')
    .execute();
  if (alerts.length === 0) return [];
  const tried = await db
    .selectFrom('alert_deliveries')
    .select(['alert_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('at').as('last')])
    .where(
      'alert_id',
      'in',
      alerts.map((a) => a.id),
    )
    .where('channel', '=', channel)
    .where('target', '=', target)
    .groupBy('alert_id')
    .execute();
  const byId = new Map(tried.map((t) => [t.alert_id, t]));
  return alerts.map((a) => {
    const t = byId.get(a.id);
    return { alert: JSON.parse(a.alert) as Alert, failures: Number(t?.n ?? 0), lastFailureAt: t?.last ?? undefined };
  });
}
