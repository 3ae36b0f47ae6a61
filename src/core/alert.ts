import { z } from 'zod';

/** An alert Vigil raised about a person or an area; raised and acknowledged through the ledger. */
export const ALERT_RAISED = 'alert.raised';
export const ALERT_ACKNOWLEDGED = 'alert.acknowledged';

export const AlertKind = z.enum([
  'person.silent',
  'person.farewell',
  'area.outage',
  'watchlist.silent',
  'collection.failing',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const Alert = z.object({
  id: z.string().regex(/^a-[0-9a-f]{16}$/),
  /** Same key, same alert: one per silence episode, farewell message or outage. */
  key: z.string(),
  kind: AlertKind,
  /** Rate limits apply per subject: a person id, area:<name>, watchlist, or source:<follow key>. */
  subject: z.string(),
  at: z.string(),
  title: z.string(),
  reason: z.string(),
  personId: z.string().optional(),
  area: z.string().optional(),
  people: z.array(z.string()).optional(),
  evidence: z.object({
    lastPostAt: z.string().optional(),
    usualGapMs: z.number().optional(),
    currentGapMs: z.number().optional(),
    /** P(gap >= current) under their own history. */
    pGap: z.number().optional(),
    /** For outages: the product of the members' gap probabilities. */
    jointP: z.number().optional(),
  }),
  links: z.array(z.object({ messageId: z.string(), at: z.string(), platform: z.string(), url: z.string().optional() })),
});
export type Alert = z.infer<typeof Alert>;

export const AlertRaisedPayload = z.object({ alert: Alert });
export const AlertAcknowledgedPayload = z.object({
  alertId: z.string(),
  by: z.string(),
  comment: z.string().optional(),
});
export type AlertAcknowledgedPayload = z.infer<typeof AlertAcknowledgedPayload>;
