import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { verifyAll } from '../../src/evidence/verify.ts';
import { importPath } from '../../src/pipeline/import.ts';
import { copyText } from '../../src/store/postgres-copy.ts';
import { PG_URL, postgresFactory } from '../helpers/stores.ts';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    assert.equal(copyText('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
    assert.equal(copyText(null), '\\N');
    assert.equal(copyText(undefined), '\\N');
    assert.equal(copyText('\\N'), '\\\\N', 'the text \\N is not null');
    assert.equal(copyText(1538605163717348), '1538605163717348');
    assert.equal(copyText('حلب'), 'حلب');
  });
});

if (PG_URL)
  describe('PostgreSQL import by COPY', () => {
    it('stores texts with tabs, newlines, backslashes and \\N byte for byte: the ledger verifies, the rows read back', async () => {
      const t = await postgresFactory();
      try {
        const texts = ['tab\there', 'two\nlines\r\nand CR', 'back\\slash \\N and \\t', '\\N', 'قصف\tحلب\n"quoted"'];
        const file = join(t.dir, 'odd.jsonl');
        writeFileSync(
          file,
          `${texts.map((text, i) => JSON.stringify({ platform: 'telegram', id: String(i), author: 'a', postedAt: '2016-12-10T00:00:00Z', text })).join('\n')}\n`,
        );
        const blobs = new BlobStore(join(t.dir, 'blobs'));
        const s = await importPath({ store: t.store, blobs }, file, { stages: [] });
        assert.equal(s.new, texts.length);
        const rows = await t.store.db.selectFrom('messages').select(['native_id', 'text']).execute();
        assert.deepEqual(rows.map((r) => r.text).sort(), [...texts].sort());
        const report = await verifyAll(t.store, blobs);
        assert.equal(report.ok, true, JSON.stringify(report.break));
        assert.equal(report.events, texts.length + 1);
        const hits = await t.store.search({ text: 'حلب' });
        assert.equal(hits.length, 1, 'the search vector is generated from COPYed rows');
      } finally {
        await t.dispose();
      }
    });
  });
