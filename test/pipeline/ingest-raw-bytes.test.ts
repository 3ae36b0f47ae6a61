import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { verifyAll } from '../../src/evidence/verify.ts';
import { ingestStream } from '../../src/pipeline/ingest.ts';
import { sqliteFactory, type TestStore } from '../helpers/stores.ts';

const line = (id: string, text: string) =>
  JSON.stringify({ platform: 'telegram', id, author: 'medic', postedAt: '2016-12-14T08:00:00+02:00', text });

describe('live ingest keeps the bytes it was sent', () => {
  let t: TestStore;
  before(async () => {
    t = await sqliteFactory();
  });
  after(async () => t?.dispose());

  it('a BOM, CRLF line ends and a last line without a break are stored exactly as received', async () => {
    const blobs = new BlobStore(join(t.dir, 'blobs'));
    const sent = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${line('1', 'نحتاج دم')}\r\n`),
      Buffer.from(`${line('2', 'the bakery was hit')}\r\n`),
      Buffer.from(line('3', 'we are alive')),
    ]);
    // One read, so the three lines commit as one chunk.
    const summary = await ingestStream({ store: t.store, blobs }, Readable.from([sent]), { stages: [] });
    assert.equal(summary.new, 3);
    assert.equal(summary.rejected, 0);
    const hit = (await t.store.search({ text: 'bakery' }))[0];
    const stored = await t.store.getMessage(hit.id);
    const blob = stored?.provenance.blob;
    assert.ok(blob, 'the message points at its chunk');
    assert.ok((await blobs.get(blob)).equals(sent), 'the chunk is byte for byte what was read');
    assert.equal(stored?.provenance.locator, '#line=2');
    const report = await verifyAll(t.store, blobs);
    assert.equal(report.ok, true, JSON.stringify(report));
  });
});
