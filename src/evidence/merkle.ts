import { createHash } from 'node:crypto';

/** RFC 6962 §2.1 hashing: leaves and interior nodes get different prefixes, so one can't pass for the other. */
export function leafHash(entry: Uint8Array | string): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(entry).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/**
 * A Merkle tree over leaf hashes, kept level by level (32 bytes a node, one Buffer a level). Pairing
 * bottom-up and carrying a lone last node up unchanged gives exactly RFC 6962's left-balanced tree, where
 * MTH(D[n]) splits at the largest power of two below n.
 */
export class MerkleTree {
  private readonly levels: Buffer[];

  constructor(leafHashes: Buffer[] | Buffer) {
    const first = Array.isArray(leafHashes) ? Buffer.concat(leafHashes) : leafHashes;
    if (first.length % 32 !== 0) throw new RangeError('leaf hashes must be 32 bytes each');
    this.levels = [first];
    let level = first;
    while (level.length > 32) {
      const n = level.length / 32;
      const next = Buffer.alloc(Math.ceil(n / 2) * 32);
      for (let i = 0; i + 1 < n; i += 2)
        nodeHash(level.subarray(i * 32, i * 32 + 32), level.subarray(i * 32 + 32, i * 32 + 64)).copy(
          next,
          (i / 2) * 32,
        );
      if (n % 2 === 1) level.copy(next, next.length - 32, level.length - 32);
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.levels[0].length / 32;
  }

  root(): Buffer {
    if (this.size === 0) return EMPTY_ROOT;
    return Buffer.from(this.levels[this.levels.length - 1].subarray(0, 32));
  }

  /** The audit path of RFC 6962 §2.1.1 (PATH(m, D[n])), leaf-most sibling first. */
  inclusionProof(index: number): Buffer[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`leaf index ${index} is outside a tree of ${this.size}`);
    const path: Buffer[] = [];
    let i = index;
    for (let l = 0; l < this.levels.length - 1; l++) {
      const level = this.levels[l];
      const sibling = i ^ 1;
      if (sibling * 32 < level.length) path.push(Buffer.from(level.subarray(sibling * 32, sibling * 32 + 32)));
      i >>= 1;
    }
    return path;
  }
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or undefined when the proof has the wrong shape. */
export function rootFromInclusionProof(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
): Buffer | undefined {
  if (index < 0 || index >= treeSize) return undefined;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  const got = rootFromInclusionProof(index, treeSize, leaf, proof);
  return got?.equals(root) === true;
}
