import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { FolderBlobStore } from '../../src/evidence/folder-blob-store.ts';
import { verifyAll } from '../../src/evidence/verify.ts';
import { importPath } from '../../src/pipeline/import.ts';
import type { Store } from '../../src/store/contract.ts';
import { payloadText } from '../../src/store/ledger-codec/ledger-codec.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';
import { storeAsText, tamperPayload } from '../helpers/tamper-ledger.ts';

const lines = [
  { platform: 'twitter', id: '1', author: 'a', postedAt: '2016-12-13T14:02:00+02:00', text: 'أول رسالة' },
  { platform: 'twitter', id: '2', author: 'b', postedAt: '2016-12-13T15:02:00+02:00', text: 'second message' },
  { platform: 'twitter', id: '3', author: 'c', postedAt: '2016-12-13T16:02:00+02:00', text: 'third message' },
];

function flipByte(path: string, at: number) {
  chmodSync(path, 0o644);
  const buf = readFileSync(path);
  buf[at] ^= 0x01;
  writeFileSync(path, buf);
}

function suite(name: string, factory: StoreFactory) {
  describe(`verify (${name})`, () => {
    let t: TestStore;
    let store: Store;
    let blobs: FolderBlobStore;
    let fileBlob: string;
    const cleanup: TestStore[] = [];
    beforeEach(async () => {
      t = await factory();
      cleanup.push(t);
      store = t.store;
      blobs = new FolderBlobStore(join(t.dir, 'blobs'));
      const file = join(t.dir, 'in.jsonl');
      writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
      await importPath({ store, blobs }, file, { stages: [] });
      fileBlob = (await store.db.selectFrom('blobs').select('sha256').executeTakeFirstOrThrow()).sha256;
    });
    after(async () => {
      for (const c of cleanup) await c.dispose();
    });

    it('passes after a fresh import', async () => {
      const r = await verifyAll(store, blobs);
      assert.equal(r.ok, true);
      assert.equal(r.events, 4);
      assert.equal(r.blobs, 1);
    });

    it('stores message payloads compressed and reads them back as the canonical JSON that was hashed', async () => {
      const row = await store.db
        .selectFrom('ledger')
        .select(['payload', 'payload_z'])
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      assert.equal(row.payload, '');
      assert.ok(row.payload_z && row.payload_z.length < payloadText(row).length / 1.5, 'compressed');
      assert.match(payloadText(row), /"text":"second message"/);
    });

    it('names the seq when one byte of a ledger payload changes', async () => {
      await tamperPayload(store.db, 3, (text) => text.replace('second message', 'secomd message'));
      const r = await verifyAll(store, blobs);
      assert.equal(r.ok, false);
      assert.equal(r.break?.seq, 3);
      assert.equal(r.break?.where, 'ledger');
      assert.match(r.break!.what, /hash does not match/);
      assert.equal(r.events, 2, 'events before the break are reported as verified');
    });

    it('names the seq when a stored hash or link changes', async () => {
      await store.db
        .updateTable('ledger')
        .set({ prev_hash: '0'.repeat(64) })
        .where('seq', '=', 2)
        .execute();
      const r = await verifyAll(store, blobs);
      assert.equal(r.break?.seq, 2);
      assert.match(r.break!.what, /prev_hash/);
    });

    it('catches a whitespace-only change to a payload', async () => {
      await tamperPayload(store.db, 4, (text) => ` ${text}`);
      const r = await verifyAll(store, blobs);
      assert.equal(r.break?.seq, 4);
      assert.match(r.break!.what, /canonical/);
    });

    it('catches one flipped bit in a compressed payload', async () => {
      const { payload_z } = await store.db
        .selectFrom('ledger')
        .select('payload_z')
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      assert.ok(payload_z);
      const flipped = Buffer.from(payload_z);
      flipped[Math.floor(flipped.length / 2)] ^= 0x04;
      await store.db.updateTable('ledger').set({ payload_z: flipped }).where('seq', '=', 3).execute();
      const r = await verifyAll(store, blobs);
      assert.equal(r.ok, false);
      assert.equal(r.break?.seq, 3);
      assert.match(r.break!.what, /hash does not match|cannot be read back|not valid JSON|canonical/);
    });

    it('refuses a row holding a payload both as text and compressed', async () => {
      await store.db.updateTable('ledger').set({ payload: '{}' }).where('seq', '=', 3).execute();
      const r = await verifyAll(store, blobs);
      assert.equal(r.break?.seq, 3);
      assert.match(r.break!.what, /cannot be read back/);
      assert.match(r.break!.found, /both as text and compressed/);
    });

    it('reads rows stored as text (a store written before compression) alongside compressed ones', async () => {
      await storeAsText(store.db, 3);
      const row = await store.db
        .selectFrom('ledger')
        .select(['payload', 'payload_z'])
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      assert.equal(row.payload_z, null);
      assert.equal((await verifyAll(store, blobs)).ok, true);
      await tamperPayload(store.db, 3, (text) => text.replace('second message', 'secomd message'));
      assert.equal((await verifyAll(store, blobs)).break?.seq, 3);
    });

    it('names the blob and the first event referencing it when one byte of a blob changes', async () => {
      flipByte(blobs.pathFor(fileBlob), 5);
      const r = await verifyAll(store, blobs);
      assert.equal(r.ok, false);
      assert.equal(r.break?.where, 'blob');
      assert.equal(r.break?.blob, fileBlob);
      assert.equal(r.break?.seq, 1);
      assert.notEqual(r.break?.found, fileBlob);
      await assert.rejects(blobs.get(fileBlob), /corrupt/);
    });
  });
}

suite('sqlite', sqliteFactory);
if (PG_URL) suite('postgres', postgresFactory);
