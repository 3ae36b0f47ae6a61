import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportInput, Source, SourceItem, SourceOptions } from '../../../src/sources/source.ts';
import { buildZip, type ZipMemberSpec } from './zip-writer.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function inputOf(path: string): ImportInput {
  return { path, displayPath: relative(process.cwd(), path) || path, isDirectory: statSync(path).isDirectory() };
}

function walk(dir: string, base = dir): ZipMemberSpec[] {
  const out: ZipMemberSpec[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...walk(p, base));
    else out.push({ name: relative(base, p).split('\\').join('/'), data: readFileSync(p) });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A temp dir removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-src-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Zips a fixture folder (optionally under a top folder, as downloads often are) into dir/name. */
export function zipFolder(folder: string, dir: string, name: string, prefix = ''): string {
  const members = walk(folder).map((m) => ({ ...m, name: prefix + m.name }));
  const path = join(dir, name);
  writeFileSync(path, buildZip(members));
  return path;
}

export function writeZip(dir: string, name: string, members: ZipMemberSpec[]): string {
  const path = join(dir, name);
  writeFileSync(path, buildZip(members));
  return path;
}

export interface Collected {
  messages: Extract<SourceItem, { kind: 'message' }>[];
  media: Extract<SourceItem, { kind: 'media' }>[];
  rejected: Extract<SourceItem, { kind: 'rejected' }>[];
  events: Extract<SourceItem, { kind: 'event' }>[];
  warnings: Extract<SourceItem, { kind: 'warning' }>[];
}

export async function collect(source: Source, input: ImportInput, options: SourceOptions = {}): Promise<Collected> {
  const c: Collected = { messages: [], media: [], rejected: [], events: [], warnings: [] };
  for await (const it of source.read(input, options)) {
    if (it.kind === 'message') c.messages.push(it);
    else if (it.kind === 'media') c.media.push(it);
    else if (it.kind === 'rejected') c.rejected.push(it);
    else if (it.kind === 'event') c.events.push(it);
    else if (it.kind === 'warning') c.warnings.push(it);
  }
  return c;
}
