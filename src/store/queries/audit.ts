import type { Kysely } from 'kysely';
import { payloadText } from '../ledger-codec/ledger-codec.ts';
import { notBulkKind } from '../ledger-kinds.ts';
import type { Database } from '../schema/database.ts';

/** Ledger kinds that form the audit log: who read what sensitive thing, who changed who may, and who changed a setting. */
export const AUDIT_KINDS = [
  'audit.person_viewed',
  'audit.export',
  'audit.original_viewed',
  'audit.media_revealed',
  'user.added',
  'user.changed',
  'token.created',
  'token.revoked',
  'auth.login',
  'setting.changed',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  payload: unknown;
}

export interface AuditQuery {
  actor?: string;
  kind?: string;
  beforeSeq?: number;
  limit?: number;
}

/** Newest first. Reads the ledger itself (indexed on kind, seq): the audit log needs no projection. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery = {}): Promise<AuditEntry[]> {
  const kinds = q.kind && (AUDIT_KINDS as readonly string[]).includes(q.kind) ? [q.kind] : [...AUDIT_KINDS];
  let sel = db
    .selectFrom('ledger')
    .select(['seq', 'at', 'actor', 'kind', 'payload', 'payload_z'])
    .where('kind', 'in', kinds)
    .where(notBulkKind);
  if (q.actor) sel = sel.where('actor', '=', q.actor);
  if (q.beforeSeq !== undefined) sel = sel.where('seq', '<', q.beforeSeq);
  const rows = await sel
    .orderBy('seq', 'desc')
    .limit(Math.min(q.limit ?? 100, 1000))
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    kind: r.kind,
    payload: JSON.parse(payloadText(r)),
  }));
}
