import type { Alert } from '../../core/alert.ts';

export interface DeliveryAttempt {
  at: string;
  ok: boolean;
  /** HTTP status or SMTP response code when there was one. */
  status?: number;
  error?: string;
}

/** One alert sent (or not) through one channel; the delivery log keeps these. */
export interface Delivery {
  alertId: string;
  channel: 'stream' | 'webhook' | 'email';
  target: string;
  ok: boolean;
  attempts: DeliveryAttempt[];
}

export interface Notifier {
  readonly channel: Delivery['channel'];
  readonly target: string;
  deliver(alert: Alert, signal?: AbortSignal): Promise<Delivery>;
}

/** Plain-text rendering shared by email and logs. */
export function alertText(alert: Alert): string {
  const lines = [alert.title, '', alert.reason, ''];
  const e = alert.evidence;
  if (e.lastPostAt) lines.push(`Last post at: ${e.lastPostAt}`);
  if (e.usualGapMs !== undefined) lines.push(`Usual gap (median): ${Math.round(e.usualGapMs / 60_000)} min`);
  if (e.currentGapMs !== undefined) lines.push(`Current gap: ${Math.round(e.currentGapMs / 60_000)} min`);
  if (e.pGap !== undefined) lines.push(`P(gap this long): ${e.pGap.toPrecision(2)}`);
  if (e.jointP !== undefined) lines.push(`P(all these gaps by coincidence): ${e.jointP.toPrecision(2)}`);
  if (alert.links.length) {
    lines.push('', 'Last messages:');
    for (const l of alert.links)
      lines.push(`- ${l.at} ${l.platform} ${l.url ?? ''} (vigil show ${l.messageId.slice(0, 16)})`);
  }
  lines.push('', `Alert ${alert.id} raised ${alert.at}. Acknowledge with: vigil watch ack ${alert.id}`);
  return lines.join('\n');
}
