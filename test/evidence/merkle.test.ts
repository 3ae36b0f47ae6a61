import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_ROOT, leafHash, MerkleTree, nodeHash, verifyInclusion } from '../../src/evidence/merkle.ts';

// The RFC 6962 vectors of certificate-transparency-go / Trillian (testonly/constants.go): eight leaf inputs
// and the root of the tree over the first n of them.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => Buffer.from(h, 'hex'),
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// Inclusion proofs from the same test data: (leaf index, tree size, audit path).
const PROOFS: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

/** MTH straight from RFC 6962 §2.1's recursive definition, to check the level-by-level tree against. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leafHash(leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('Merkle tree (RFC 6962)', () => {
  it('gives the reference roots for 0 to 8 leaves', () => {
    for (let n = 0; n <= 8; n++) {
      const tree = new MerkleTree(LEAVES.slice(0, n).map((l) => leafHash(l)));
      assert.equal(tree.root().toString('hex'), ROOTS[n], `root of ${n} leaves`);
    }
  });

  it('builds the reference inclusion proofs, and they verify', () => {
    for (const [index, size, path] of PROOFS) {
      const tree = new MerkleTree(LEAVES.slice(0, size).map((l) => leafHash(l)));
      const proof = tree.inclusionProof(index);
      assert.deepEqual(
        proof.map((p) => p.toString('hex')),
        path,
        `proof of ${index} in ${size}`,
      );
      assert.ok(verifyInclusion(index, size, leafHash(LEAVES[index]), proof, Buffer.from(ROOTS[size], 'hex')));
    }
  });

  it('proves every leaf of every tree up to 70 leaves, and refuses wrong leaves, indexes and paths', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => Buffer.from(`entry ${i}`));
    for (let n = 1; n <= leaves.length; n++) {
      const tree = new MerkleTree(leaves.slice(0, n).map((l) => leafHash(l)));
      const root = tree.root();
      assert.ok(root.equals(mth(leaves.slice(0, n))), `root of ${n}`);
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i);
        const leaf = leafHash(leaves[i]);
        assert.ok(verifyInclusion(i, n, leaf, proof, root), `leaf ${i} of ${n}`);
        assert.ok(!verifyInclusion(i, n, leafHash('forged'), proof, root));
        if (n > 1) assert.ok(!verifyInclusion((i + 1) % n, n, leaf, proof, root), `index ${i + 1} for ${i} of ${n}`);
        if (proof.length > 0) {
          const bent = proof.map((p) => Buffer.from(p));
          bent[0][0] ^= 1;
          assert.ok(!verifyInclusion(i, n, leaf, bent, root));
        }
      }
    }
  });
});
