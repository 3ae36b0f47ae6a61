import { readFile } from 'node:fs/promises';
import { VigilError } from '../../core/errors.ts';
import { CHECKPOINT_SIGNED, type CheckpointSignedPayload, TIMESTAMP_RECORDED } from '../../core/events.ts';
import type { Store } from '../../store/contract.ts';
import { payloadText } from '../../store/ledger-codec/ledger-codec.ts';
import { notBulkKind } from '../../store/ledger-kinds.ts';
import { BagWriter } from '../bagit.ts';
import type { BlobStore } from '../blob-store.ts';
import { appendCheckpoint } from '../checkpoint.ts';
import type { SigningKey } from '../keys.ts';
import { LeafCollector, ledgerEntry, ledgerRows } from '../ledger-entry.ts';
import { MerkleTree } from '../merkle.ts';
import { blobsOfDeleted, concerns, messageVersions, versionBlobs } from './bag-contents.ts';
import { bagReadme } from './bag-readme.ts';
import { captureFiles } from './capture-files.ts';
import type { Selected } from './selection.ts';

export const VERIFY_SCRIPT = new URL('../../../verify/verify.py', import.meta.url);

export interface BagOptions {
  store: Store;
  blobs: BlobStore;
  selected: Selected;
  out: string;
  includeDeleted: boolean;
  /** Who asked: recorded in bag-info.txt. */
  actor: string;
  organization: string;
  vigilVersion: string;
  /** Loaded only when no existing checkpoint covers the selection. */
  signingKey: () => Promise<SigningKey>;
  now?: Date;
  /**
   * Capture files (WACZ, screenshots) for data/captures/; by default every finished capture of the
   * selected messages (capture-files.ts). verify.py checks them with the rest.
   */
  captures?: { path: string; sha256: string }[];
}

export interface BagSummary {
  path: string;
  messages: number;
  versions: number;
  ledgerEvents: number;
  originals: number;
  withheld: number;
  timestamps: number;
  checkpoint: { seq: number; treeSize: number; rootHash: string; signedNow: boolean };
  payloadOxum: string;
}

export class EmptySelectionError extends VigilError {}

/** The evidence bag: messages with every version, their originals, the ledger events about them, proofs. */
export async function writeEvidenceBag(o: BagOptions): Promise<BagSummary> {
  const { store, selected } = o;
  if (selected.messages.length === 0)
    throw new EmptySelectionError(`nothing matches (${selected.description}); no bag was written`);
  const versions = await messageVersions(store, selected.messages);
  const ids = new Set(selected.messages.map((m) => m.id));
  const wanted = new Set(versions.flatMap(versionBlobs));
  const withheld = new Set<string>();
  if (!o.includeDeleted) for (const b of await blobsOfDeleted(store)) if (wanted.delete(b)) withheld.add(b);

  // One pass over the ledger: every leaf hash (for the tree) and the entries that concern the selection.
  const leaves = new LeafCollector();
  const entries: { seq: number; entry: string }[] = [];
  let latest: { seq: number; payload: CheckpointSignedPayload } | undefined;
  for await (const r of ledgerRows(store.db)) {
    const entry = ledgerEntry(r);
    leaves.add(entry);
    const payload = JSON.parse(r.payload);
    if (r.kind === CHECKPOINT_SIGNED) latest = { seq: Number(r.seq), payload };
    else if (concerns(r.kind, payload, ids, wanted)) entries.push({ seq: Number(r.seq), entry });
  }
  const lastSeq = entries.at(-1)?.seq ?? 0;
  let checkpoint: { seq: number; payload: CheckpointSignedPayload; signedNow: boolean };
  if (latest && latest.payload.treeSize >= lastSeq) checkpoint = { ...latest, signedNow: false };
  else {
    const e = await appendCheckpoint(store, await o.signingKey(), leaves, o.actor, o.now);
    checkpoint = { seq: e.seq, payload: e.payload, signedNow: true };
  }
  const tree = new MerkleTree(leaves.leaves(checkpoint.payload.treeSize));
  if (tree.root().toString('hex') !== checkpoint.payload.rootHash)
    throw new VigilError(
      `the ledger no longer matches checkpoint seq ${checkpoint.seq} (root ${checkpoint.payload.rootHash}, recomputed ${tree.root().toString('hex')}); run vigil verify`,
    );
  const tokens = await store.db
    .selectFrom('ledger')
    .select(['seq', 'payload', 'payload_z'])
    .where('kind', '=', TIMESTAMP_RECORDED)
    .where(notBulkKind)
    .orderBy('seq')
    .execute();
  const stamps = tokens
    .map((t) => ({ seq: Number(t.seq), p: JSON.parse(payloadText(t)) }))
    .filter((t) => t.p.checkpointSeq === checkpoint.seq);

  const bag = await BagWriter.create(o.out);
  try {
    const msgs = await bag.open('data/messages.jsonl');
    for (const v of versions)
      await msgs.write(`${JSON.stringify({ seq: v.seq, id: v.id, contentHash: v.contentHash, message: v.message })}\n`);
    await msgs.close();
    const ledger = await bag.open('data/ledger.jsonl');
    for (const e of entries) await ledger.write(`${e.entry}\n`);
    await ledger.close();
    const proofs = await bag.open('data/proofs/inclusion.jsonl');
    for (const e of entries) {
      const auditPath = tree.inclusionProof(e.seq - 1).map((h) => h.toString('hex'));
      await proofs.write(
        `${JSON.stringify({
          seq: e.seq,
          leafIndex: e.seq - 1,
          treeSize: tree.size,
          leafHash: leaves
            .leaves()
            .subarray((e.seq - 1) * 32, e.seq * 32)
            .toString('hex'),
          auditPath,
        })}\n`,
      );
    }
    await proofs.close();
    await bag.addFile('data/proofs/checkpoint.txt', checkpoint.payload.note);
    await bag.addFile('data/proofs/checkpoint-key.txt', `${checkpoint.payload.verifierKey}\n`);
    for (const t of stamps)
      await bag.addFile(
        `data/proofs/timestamps/checkpoint-${checkpoint.seq}-ts-${t.seq}.tsr`,
        Buffer.from(t.p.response, 'base64'),
      );
    // Each blob is re-hashed as it is copied (read throws on a changed byte, abandoning the bag).
    for (const sha of [...wanted].sort()) await bag.copyFrom(`data/originals/${sha}`, o.blobs.read(sha));
    const captures = o.captures ?? (await captureFiles(store, [...ids]));
    for (const c of captures) await bag.copyFrom(`data/captures/${c.path}`, o.blobs.read(c.sha256));
    const cp = checkpoint.payload;
    const info: [string, string][] = [
      ['Source-Organization', o.organization],
      ['Bagging-Date', (o.now ?? new Date()).toISOString().slice(0, 10)],
      ['Bag-Software-Agent', `Vigil ${o.vigilVersion}`],
      ['External-Description', `Messages selected by: ${selected.description}.`],
      ['External-Identifier', `vigil-checkpoint-${cp.origin}-${cp.treeSize}`],
      ['Vigil-Version', o.vigilVersion],
      ['Vigil-Selection', selected.description],
      ['Vigil-Exported-By', o.actor],
      [
        'Vigil-Deleted-Messages',
        o.includeDeleted
          ? `INCLUDED: this bag holds posts their authors deleted, exported by an admin (${o.actor}); handle accordingly`
          : `left out; ${withheld.size} original(s) that also hold deleted posts are withheld (their hashes stay in the records)`,
      ],
      ['Vigil-Messages', `${selected.messages.length} (${versions.length} versions)`],
      ['Vigil-Ledger-Events', String(entries.length)],
      ['Vigil-Checkpoint', `${cp.origin} tree size ${cp.treeSize} root ${cp.rootHash} signed ${cp.time}`],
      ['Vigil-Checkpoint-Key', cp.verifierKey],
      ['Vigil-Timestamps', String(stamps.length)],
      ...(selected.leftOut.length ? [['Vigil-Left-Out', selected.leftOut.join('; ')] as [string, string]] : []),
    ];
    await bag.finish(info, {
      'README.txt': bagReadme({ verifierKey: cp.verifierKey, timestamps: stamps.length > 0 }),
      'verify.py': await readFile(VERIFY_SCRIPT),
    });
    return {
      path: o.out,
      messages: selected.messages.length,
      versions: versions.length,
      ledgerEvents: entries.length,
      originals: wanted.size,
      withheld: withheld.size,
      timestamps: stamps.length,
      checkpoint: {
        seq: checkpoint.seq,
        treeSize: cp.treeSize,
        rootHash: cp.rootHash,
        signedNow: checkpoint.signedNow,
      },
      payloadOxum: bag.payloadOxum,
    };
  } catch (err) {
    await bag.abandon();
    throw err;
  }
}
