import { randomBytes } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VigilError } from '../../core/errors.ts';
import type { StoredMessage } from '../../store/contract.ts';

/** `--format jsonl|csv`: the current version of each message in one file, for reading, not for proof. */
export type FlatFormat = 'jsonl' | 'csv';

const COLUMNS = [
  'id',
  'platform',
  'native_id',
  'url',
  'author_id',
  'author_handle',
  'posted_at',
  'captured_at',
  'lang',
  'text',
  'content_hash',
  'versions',
  'ledger_seq',
  'original_sha256',
  'original_locator',
  'media_sha256',
  'deleted',
] as const;

function csvCell(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(m: StoredMessage): string {
  const cells = [
    m.id,
    m.platform,
    m.nativeId,
    m.url,
    m.author.id,
    m.author.handle,
    m.postedAt,
    m.capturedAt,
    m.lang,
    m.text,
    m.contentHash,
    m.versions,
    m.seq,
    m.provenance.blob,
    m.provenance.locator,
    m.media.flatMap((x) => (x.sha256 ? [x.sha256] : [])).join(' '),
    m.deleted ? 'yes' : '',
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export async function writeFlatExport(messages: StoredMessage[], format: FlatFormat, out: string): Promise<void> {
  if (
    await access(out).then(
      () => true,
      () => false,
    )
  )
    throw new VigilError(`${out} already exists; choose another --out`, out);
  const body =
    format === 'jsonl'
      ? messages.map((m) => `${JSON.stringify(m)}\n`).join('')
      : `${COLUMNS.join(',')}\r\n${messages.map(csvRow).join('')}`;
  const temp = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temp, body, { flag: 'wx' });
    await rename(temp, out);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw new VigilError(`cannot write ${out}: ${(err as Error).message}`, out);
  }
}
