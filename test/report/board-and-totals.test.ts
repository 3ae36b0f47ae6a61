import assert from 'node:assert/strict';
import { rename, rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { placeKey } from '../../src/analysis/extract/place-key.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import {
  type BoardAndTotalsWindow,
  boardAndTotals,
  boardAndTotalsBeside,
  boardAndTotalsInWorker,
} from '../../src/report/board-and-totals.ts';
import { digestOptions } from '../../src/report/window.ts';
import type { Store } from '../../src/store/contract.ts';
import { sqliteStatements } from '../../src/store/sqlite-statements.ts';
import { demoDataDir } from './demo-digest.ts';
import { DEMO_DIGEST_CASES } from './demo-digest-cases.ts';

/** The windows of the pinned demo digests (one of them in a place). */
const windows: BoardAndTotalsWindow[] = DEMO_DIGEST_CASES.map(({ options: raw }) => {
  const o = digestOptions(raw);
  const key = o.place ? placeKey(o.place) : undefined;
  return { since: o.since, until: o.until, ...(key ? { placeKey: key } : {}) };
});

describe('the board and the totals of a digest, in a worker thread or inline', () => {
  let data: string;
  let store: Store;
  let file: string;
  before(async () => {
    data = await demoDataDir();
    store = await openVigilStore({ dataDir: data });
    file = sqliteStatements(store.db)?.raw.name ?? '';
  });
  after(async () => {
    await store?.close();
    await rm(data, { recursive: true, force: true });
  });

  it('a worker on its own connection to the file finds what this thread finds, window by window', async () => {
    let entries = 0;
    let outages = 0;
    for (const w of windows) {
      const inline = await boardAndTotals(store.db, w);
      assert.deepEqual(await boardAndTotalsInWorker(file, w), inline, JSON.stringify(w));
      assert.ok(inline.totals.messages > 0, 'the window holds messages');
      entries += inline.findings.entries.length;
      outages += inline.findings.outages.length;
    }
    assert.ok(entries > 0 && outages > 0, 'the demo windows have board entries and outages to compare');
  });

  it('what the digest awaits is the same whichever way the parts ran', async () => {
    const [w] = windows;
    const inline = await boardAndTotals(store.db, w);
    for (const worker of ['always', 'never', 'auto'] as const)
      assert.deepEqual(await boardAndTotalsBeside(store, w, { worker }), inline, worker);
  });

  it('a worker that cannot open its store fails instead of answering', async () => {
    await assert.rejects(boardAndTotalsInWorker(`${data}/no-such-store.db`, windows[0]));
  });

  it('when the worker fails, the digest gets the same parts read inline (and a line on stderr)', async () => {
    const [w] = windows;
    const inline = await boardAndTotals(store.db, w);
    // The file moved away: this connection still reads it, a new one (the worker's) cannot open it.
    await rename(file, `${file}.away`);
    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => said.push(String(s)) > 0) as typeof process.stderr.write;
    try {
      assert.deepEqual(await boardAndTotalsBeside(store, w, { worker: 'auto', fromMessages: 1 }), inline);
      await assert.rejects(boardAndTotalsBeside(store, w, { worker: 'always' }), "always: the failure is the caller's");
    } finally {
      process.stderr.write = write;
      await rename(`${file}.away`, file);
    }
    assert.match(said.join(''), /the board and totals worker failed/);
  });
});
