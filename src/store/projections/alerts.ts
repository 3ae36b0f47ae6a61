import { ALERT_ACKNOWLEDGED, ALERT_RAISED, type Alert, type AlertAcknowledgedPayload } from '../../core/alert.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Projector } from '../contract.ts';

export const alertsProjector: Projector = {
  name: 'alerts',
  kinds: [ALERT_RAISED, ALERT_ACKNOWLEDGED],
  async apply(db, events) {
    for (const e of events) {
      if (e.kind === ALERT_RAISED) {
        const a = (e as LedgerEvent<{ alert: Alert }>).payload.alert;
        await db
          .insertInto('alerts')
          .values({
            id: a.id,
            key: a.key,
            kind: a.kind,
            subject: a.subject,
            person_id: a.personId ?? null,
            area: a.area ?? null,
            at: a.at,
            title: a.title,
            reason: a.reason,
            alert: JSON.stringify(a),
            seq: e.seq,
            acknowledged_at: null,
            acknowledged_by: null,
            ack_comment: null,
          })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
      } else {
        const p = (e as LedgerEvent<AlertAcknowledgedPayload>).payload;
        await db
          .updateTable('alerts')
          .set({ acknowledged_at: e.at, acknowledged_by: p.by, ack_comment: p.comment ?? null })
          .where('id', '=', p.alertId)
          .execute();
      }
    }
  },
};
