import type { PendingDelivery } from '../store/queries/pending-deliveries.ts';

/**
 * When an alert that could not be delivered is tried again on a later watch tick. A notifier already
 * retries within one delivery (the webhook backs off for about 15 s); this covers the receiver being
 * down for longer, and a process stopped between raising an alert and delivering it.
 */
export interface RedeliveryPolicy {
  /** Stop trying once the alert is this old; it stays on the dashboard and in the delivery log. */
  maxAgeMs: number;
  /** Wait after the first failed delivery, then twice as long after each further one, up to maxWaitMs. */
  firstWaitMs: number;
  maxWaitMs: number;
}

export const DEFAULT_REDELIVERY: RedeliveryPolicy = {
  maxAgeMs: 24 * 3_600_000,
  firstWaitMs: 60_000,
  maxWaitMs: 3_600_000,
};

/** How long to wait after `failures` failed deliveries before the next. */
export function redeliveryWait(failures: number, policy: RedeliveryPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** (failures - 1));
}

/** True when the pending delivery should be tried at `now`. */
export function dueForDelivery(p: PendingDelivery, now: number, policy: RedeliveryPolicy): boolean {
  if (p.failures === 0 || p.lastFailureAt === undefined) return true;
  return now - Date.parse(p.lastFailureAt) >= redeliveryWait(p.failures, policy);
}
