import { CID } from 'multiformats/cid';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? (v as Obj) : undefined;

export type MstRecord = { key: string; cid: CID } | { error: string; node?: CID };

/** A decoded block that is a Merkle Search Tree node: `{l, e: [{p, k, v, t}]}`. */
export function isMstNode(value: unknown): value is Obj {
  const n = obj(value);
  return !!n && 'l' in n && Array.isArray(n.e) && !('$type' in n);
}

/**
 * The record keys one node holds, with the subtrees it links to. Keys are prefix-compressed
 * against the previous entry of the same node only, so a node reads on its own, without its parents.
 */
export function nodeEntries(node: Obj, where: CID): { items: (MstRecord | { subtree: CID })[] } {
  const items: (MstRecord | { subtree: CID })[] = [];
  const left = CID.asCID(node.l);
  if (left) items.push({ subtree: left });
  let prev = '';
  for (const e of Array.isArray(node.e) ? node.e : []) {
    const entry = obj(e);
    const k = entry?.k;
    const v = CID.asCID(entry?.v);
    const p = typeof entry?.p === 'number' ? entry.p : 0;
    if (!(k instanceof Uint8Array) || !v) {
      items.push({ error: `MST node ${where}: malformed entry`, node: where });
      continue;
    }
    const key = prev.slice(0, p) + Buffer.from(k).toString('utf8');
    prev = key;
    items.push({ key, cid: v });
    const t = CID.asCID(entry?.t);
    if (t) items.push({ subtree: t });
  }
  return { items };
}

/**
 * In-order walk of the repository's tree from its root. `load` gives a node's decoded value,
 * undefined when the block is missing, or throws when it does not decode; either is yielded as an
 * error and the walk goes on with the rest of the tree.
 */
export function* walkMst(load: (cid: CID) => unknown, rootCid: CID): Generator<MstRecord> {
  type Work = { node: CID } | { rec: MstRecord };
  const work: Work[] = [{ node: rootCid }];
  let visited = 0;
  while (work.length > 0) {
    const w = work.pop() as Work;
    if ('rec' in w) {
      yield w.rec;
      continue;
    }
    if (++visited > 10_000_000) return;
    let node: unknown;
    try {
      node = load(w.node);
    } catch (err) {
      yield { error: `MST node ${w.node}: ${(err as Error).message}`, node: w.node };
      continue;
    }
    if (node === undefined) {
      yield { error: `MST node ${w.node} missing or damaged`, node: w.node };
      continue;
    }
    if (!isMstNode(node)) {
      yield { error: `MST node ${w.node} is not a tree node`, node: w.node };
      continue;
    }
    const expanded: Work[] = nodeEntries(node, w.node).items.map((it) =>
      'subtree' in it ? { node: it.subtree } : { rec: it },
    );
    for (let i = expanded.length - 1; i >= 0; i--) work.push(expanded[i] as Work);
  }
}
