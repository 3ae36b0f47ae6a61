import { VigilError } from '../core/errors.ts';
import { CHECKPOINT_SIGNED, type CheckpointSignedPayload } from '../core/events.ts';
import type { LedgerEvent } from '../core/ledger-event.ts';
import type { Store } from '../store/contract.ts';
import { payloadText } from '../store/ledger-codec/ledger-codec.ts';
import { notBulkKind } from '../store/ledger-kinds.ts';
import type { SigningKey } from './keys.ts';
import { LeafCollector, ledgerEntry, ledgerRows } from './ledger-entry.ts';
import { MerkleTree } from './merkle.ts';
import { parseNote, signNote } from './signed-note.ts';

export class CheckpointError extends VigilError {}

/**
 * The note text of a C2SP tlog-checkpoint: origin, tree size, base64 root, and one extension line with the
 * signing time (the spec allows extension lines; the signature covers them).
 */
export function checkpointText(origin: string, treeSize: number, root: Uint8Array, time: string): string {
  return `${origin}\n${treeSize}\n${Buffer.from(root).toString('base64')}\ntime ${time}\n`;
}

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  root: Buffer;
  time?: string;
}

export function parseCheckpoint(note: string): CheckpointBody {
  const lines = parseNote(note).text.split('\n').slice(0, -1);
  if (lines.length < 3) throw new CheckpointError('a checkpoint needs an origin, a tree size and a root hash');
  const [origin, size, root, ...ext] = lines;
  if (!/^(0|[1-9]\d*)$/.test(size)) throw new CheckpointError(`not a tree size: ${size}`, size);
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root)
    throw new CheckpointError(`not a base64 SHA-256 root hash: ${root}`, root);
  const time = ext.find((l) => l.startsWith('time '))?.slice(5);
  return { origin, treeSize: Number(size), root: rootBytes, time };
}

/** Leaf hashes of the whole ledger as it stands (or of its first `upTo` events). */
export async function ledgerLeaves(store: Store, upTo?: number): Promise<LeafCollector> {
  const leaves = new LeafCollector();
  for await (const r of ledgerRows(store.db, upTo)) leaves.add(ledgerEntry(r));
  return leaves;
}

/** Sign a tree head over the given leaves and append it as a checkpoint.signed event. */
export async function appendCheckpoint(
  store: Store,
  key: SigningKey,
  leaves: LeafCollector,
  actor: string,
  now = new Date(),
): Promise<LedgerEvent<CheckpointSignedPayload>> {
  const tree = new MerkleTree(leaves.leaves());
  const time = now.toISOString();
  const note = signNote(checkpointText(key.name, tree.size, tree.root(), time), key.name, key.privateKey);
  const payload: CheckpointSignedPayload = {
    origin: key.name,
    treeSize: tree.size,
    rootHash: tree.root().toString('hex'),
    time,
    note,
    verifierKey: key.verifierKey,
  };
  const [event] = await store.append([{ kind: CHECKPOINT_SIGNED, at: time, actor, payload }]);
  return event as LedgerEvent<CheckpointSignedPayload>;
}

/** `vigil checkpoint`: the tree over every event so far, signed and appended. */
export async function checkpointLedger(store: Store, key: SigningKey, actor: string, now = new Date()) {
  return appendCheckpoint(store, key, await ledgerLeaves(store), actor, now);
}

/** Checkpoint events, newest first. */
export async function listCheckpoints(store: Store): Promise<LedgerEvent<CheckpointSignedPayload>[]> {
  const rows = await store.db
    .selectFrom('ledger')
    .selectAll()
    .where('kind', '=', CHECKPOINT_SIGNED)
    .where(notBulkKind)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    kind: r.kind,
    payload: JSON.parse(payloadText(r)) as CheckpointSignedPayload,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
