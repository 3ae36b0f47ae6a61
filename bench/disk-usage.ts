// Where a SQLite store's bytes go: SQLite's dbstat virtual table, summed per table and index (FTS5 shadow
// tables folded into their virtual table), plus the blob folder. Run alone on a data folder:
// `node --import tsx bench/disk-usage.ts DIR MESSAGES`; bench/run.ts calls it after the capture-only import.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

export interface DiskPart {
  name: string;
  /** The table an index belongs to, or the name itself for a table. */
  table: string;
  kind: 'table' | 'index';
  bytes: number;
}

export interface DiskUsage {
  parts: DiskPart[];
  /** The database file (after close: WAL checkpointed into it). */
  fileBytes: number;
  freeBytes: number;
  blobBytes: number;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

const FTS_SHADOW = /^(.*)_(data|idx|content|docsize|config)$/;

/** Bytes per table and index of the store in `dir` (vigil.db, closed) and its blob folder. */
export function diskUsage(dir: string): DiskUsage {
  const file = join(dir, 'vigil.db');
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    const objects = db
      .prepare(`select name, type, tbl_name from sqlite_schema where type in ('table', 'index')`)
      .all() as {
      name: string;
      type: string;
      tbl_name: string;
    }[];
    const owner = new Map(objects.map((o) => [o.name, o]));
    const virtual = new Set(
      (
        db.prepare(`select name from sqlite_schema where sql like 'create virtual table%'`).all() as { name: string }[]
      ).map((r) => r.name),
    );
    const sizes = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as {
      name: string;
      bytes: number;
    }[];
    const byName = new Map<string, DiskPart>();
    for (const s of sizes) {
      const o = owner.get(s.name);
      const shadow = FTS_SHADOW.exec(s.name);
      let table = o?.tbl_name ?? s.name;
      let name = s.name;
      let kind: DiskPart['kind'] = o?.type === 'index' ? 'index' : 'table';
      if (shadow && virtual.has(shadow[1])) {
        table = shadow[1];
        name = shadow[1];
        kind = 'table';
      } else if (s.name.startsWith('sqlite_autoindex_')) kind = 'index';
      const prev = byName.get(name);
      if (prev) prev.bytes += s.bytes;
      else byName.set(name, { name, table, kind, bytes: s.bytes });
    }
    const pageSize = (db.pragma('page_size', { simple: true }) as number) ?? 4096;
    const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
    return {
      parts: [...byName.values()].sort((a, b) => b.bytes - a.bytes),
      fileBytes: statSync(file).size,
      freeBytes: free,
      blobBytes: folderBytes(join(dir, 'blobs')),
    };
  } finally {
    db.close();
  }
}

/** A Markdown table: bytes a message per table and index, largest first, then the file and blobs. */
export function diskUsageTable(u: DiskUsage, messages: number): string {
  const per = (b: number) => Math.round(b / messages).toLocaleString('en-US');
  const mb = (b: number) => (b / 1e6).toFixed(1);
  const lines = ['| table / index | kind | MB | bytes a message |', '|---|---|---:|---:|'];
  for (const p of u.parts.filter((p) => p.bytes / messages >= 1))
    lines.push(
      `| ${p.name}${p.kind === 'index' && p.table !== p.name ? ` (on ${p.table})` : ''} | ${p.kind} | ${mb(p.bytes)} | ${per(p.bytes)} |`,
    );
  const small = u.parts.filter((p) => p.bytes / messages < 1).reduce((s, p) => s + p.bytes, 0);
  lines.push(
    `| ${u.parts.filter((p) => p.bytes / messages < 1).length} smaller tables and indexes | | ${mb(small)} | ${per(small)} |`,
  );
  lines.push(`| free pages | | ${mb(u.freeBytes)} | ${per(u.freeBytes)} |`);
  lines.push(`| **database file** | | **${mb(u.fileBytes)}** | **${per(u.fileBytes)}** |`);
  lines.push(`| blobs (the imported originals) | | ${mb(u.blobBytes)} | ${per(u.blobBytes)} |`);
  lines.push(`| **everything** | | **${mb(u.fileBytes + u.blobBytes)}** | **${per(u.fileBytes + u.blobBytes)}** |`);
  return lines.join('\n');
}

if (import.meta.main) {
  const [dir, messages] = process.argv.slice(2);
  process.stdout.write(`${diskUsageTable(diskUsage(dir), Number(messages))}\n`);
}
