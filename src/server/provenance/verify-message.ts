import { canonicalJson } from '../../core/canonical-json.ts';
import { MESSAGE_CAPTURED, type MessageCapturedPayload } from '../../core/events.ts';
import { contentHash, identityHash, sha256Hex } from '../../core/hash.ts';
import { GENESIS_HASH, hashEvent } from '../../core/ledger-event.ts';
import type { StoredMessage } from '../../store/contract.ts';
import { payloadText } from '../../store/ledger-codec/ledger-codec.ts';
import type { ServerContext } from '../context.ts';
import { ledgerRow } from './ledger-row.ts';

export interface Check {
  name: string;
  ok: boolean;
  expected?: string;
  found?: string;
}

function check(name: string, expected: string, found: string): Check {
  return expected === found ? { name, ok: true, expected } : { name, ok: false, expected, found };
}

async function blobCheck(ctx: ServerContext, name: string, sha256: string): Promise<Check> {
  try {
    return check(name, sha256, await ctx.blobs.hashOf(sha256));
  } catch {
    return { name, ok: false, expected: sha256, found: 'missing' };
  }
}

/**
 * Everything that proves this message is what was captured: the ledger event hashes to its hash and
 * links to the event before it, its payload is the canonical JSON that was hashed, the identity and
 * content hashes recompute, the working copy matches the sealed one, and the original blob and each
 * held media file still hash to their names.
 */
export async function verifyMessage(ctx: ServerContext, m: StoredMessage): Promise<Check[]> {
  const checks: Check[] = [];
  const row = await ledgerRow(ctx.store, m.seq);
  if (!row) return [{ name: `ledger event ${m.seq}`, ok: false, expected: 'present', found: 'missing' }];
  if (row.kind !== MESSAGE_CAPTURED) {
    return [{ name: `ledger event ${m.seq} kind`, ok: false, expected: MESSAGE_CAPTURED, found: row.kind }];
  }
  let text: string;
  let payload: MessageCapturedPayload;
  try {
    text = payloadText(row);
    payload = JSON.parse(text);
  } catch {
    return [{ name: 'ledger payload is JSON', ok: false }];
  }
  const seq = Number(row.seq);
  checks.push(check('ledger payload is canonical JSON', canonicalJson(payload), text));
  checks.push(
    check(
      'ledger event hash',
      hashEvent({ seq, at: row.at, actor: row.actor, kind: row.kind, payload, prevHash: row.prev_hash }),
      row.hash,
    ),
  );
  const prev = seq > 1 ? await ledgerRow(ctx.store, seq - 1) : undefined;
  checks.push(
    check('link to the previous ledger event', seq > 1 ? (prev?.hash ?? 'missing') : GENESIS_HASH, row.prev_hash),
  );
  const sealed = payload.message;
  checks.push(check('identity hash', m.id, identityHash(sealed)));
  checks.push(check('content hash (sealed copy)', payload.contentHash, contentHash(sealed)));
  checks.push(check('working copy matches the sealed copy', payload.contentHash, contentHash(m)));
  checks.push(check('working copy text', sha256Hex(sealed.text), sha256Hex(m.text)));
  checks.push(await blobCheck(ctx, 'original blob', sealed.provenance.blob));
  for (const [i, media] of (sealed.media ?? []).entries()) {
    if (media.sha256)
      checks.push(
        await blobCheck(ctx, `media ${i + 1}${media.originalName ? ` (${media.originalName})` : ''}`, media.sha256),
      );
  }
  return checks;
}
