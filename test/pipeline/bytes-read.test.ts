import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { importPath } from '../../src/pipeline/import.ts';
import { sqliteFactory } from '../helpers/stores.ts';

const line = (id: number, text: string) =>
  JSON.stringify({ platform: 'telegram', id: String(id), author: 'lina', postedAt: '2016-12-13T12:00:00Z', text });

const ARABIC = 'نداء عاجل من حي الفردوس: ٣٠ عائلة تحت الأنقاض 🙏';
const rows = [line(1, 'first'), line(2, ARABIC), line(3, `${ARABIC} ${ARABIC}`)];

/** Each case: the file's bytes. The summary must count every one of them. */
const CASES: Record<string, Buffer> = {
  lf: Buffer.from(`${rows.join('\n')}\n`),
  crlf: Buffer.from(`${rows.join('\r\n')}\r\n`),
  'no final newline': Buffer.from(rows.join('\n')),
  'crlf, no final newline': Buffer.from(rows.join('\r\n')),
  bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${rows.join('\r\n')}\r\n`)]),
  'blank lines at the end': Buffer.from(`${rows.join('\n')}\n\n \n\r\n`),
  'last line rejected': Buffer.from(`${rows.join('\n')}\n{"not":"a message"}\n`),
  'last line invalid UTF-8': Buffer.concat([Buffer.from(`${rows.join('\n')}\n`), Buffer.from([0x7b, 0xff, 0x7d])]),
  'Arabic only, long lines': Buffer.from(
    `${Array.from({ length: 200 }, (_, i) => line(i, ARABIC.repeat(i % 7))).join('\n')}\n`,
  ),
};

test("the import summary's bytesRead is the input file's size exactly", async (t) => {
  const s = await sqliteFactory();
  t.after(() => s.dispose());
  const blobs = new BlobStore(join(s.dir, 'blobs'));
  for (const [name, bytes] of Object.entries(CASES)) {
    const file = join(s.dir, `${name.replace(/\W+/g, '-')}.jsonl`);
    writeFileSync(file, bytes);
    const summary = await importPath({ store: s.store, blobs }, file, { stages: [] });
    assert.ok(summary.read > 0, name);
    assert.equal(summary.bytesRead, statSync(file).size, name);
  }
});
