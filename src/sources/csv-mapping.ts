import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { stripBom } from './text/bom.ts';

export const CSV_FIELDS = [
  'platform',
  'id',
  'author',
  'authorId',
  'handle',
  'displayName',
  'postedAt',
  'text',
  'url',
  'lang',
  'media',
  'replyTo',
  'repostOf',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Where a field comes from: a column (by header name or `#N`, 1-based) or a constant. */
export type FieldSource = { column: string } | { index: number } | { constant: string };

export interface CsvMapping {
  fields: Partial<Record<CsvField, FieldSource>>;
  delimiter?: string;
  header: boolean;
  tz?: string;
}

const ALIASES: Record<CsvField, string[]> = {
  platform: ['platform', 'network', 'source'],
  id: ['id', 'nativeid', 'native_id', 'message_id', 'tweet_id', 'post_id', 'status_id'],
  author: ['author', 'user', 'username', 'screen_name', 'handle', 'account', 'from'],
  authorId: ['authorid', 'author_id', 'user_id', 'from_id'],
  handle: [],
  displayName: ['displayname', 'display_name', 'name', 'user_name'],
  postedAt: ['postedat', 'posted_at', 'created_at', 'date', 'datetime', 'timestamp', 'time', 'published'],
  text: ['text', 'message', 'body', 'content', 'full_text', 'tweet'],
  url: ['url', 'link', 'permalink'],
  lang: ['lang', 'language'],
  media: ['media', 'media_urls', 'attachments'],
  replyTo: ['replyto', 'reply_to', 'in_reply_to_status_id'],
  repostOf: ['repostof', 'repost_of', 'retweeted_status_id'],
};

function fieldName(name: string): CsvField {
  const f = CSV_FIELDS.find((x) => x.toLowerCase() === name.trim().toLowerCase());
  if (!f) throw new UsageError(`unknown CSV field "${name}"; fields: ${CSV_FIELDS.join(', ')}`, name);
  return f;
}

function sourceOf(spec: string): FieldSource {
  if (spec.startsWith('=')) return { constant: spec.slice(1) };
  const m = /^#(\d+)$/.exec(spec.trim());
  if (m) return { index: Number(m[1]) - 1 };
  return { column: spec.trim() };
}

/** `platform==twitter,id=tweet_id,author=user,postedAt=created_at,text=body` (`==` sets a constant). */
export function parseMapFlag(flag: string): Partial<Record<CsvField, FieldSource>> {
  const out: Partial<Record<CsvField, FieldSource>> = {};
  for (const part of flag.split(',')) {
    if (!part.trim()) continue;
    const i = part.indexOf('=');
    if (i <= 0) throw new UsageError(`--map expects field=column pairs, got "${part}"`, flag);
    out[fieldName(part.slice(0, i))] = sourceOf(part.slice(i + 1));
  }
  return out;
}

/** The mapping file: {"columns": {"id": "tweet_id", "platform": "=twitter"}, "delimiter": ";", "header": true, "tz": "+03:00"}. */
export function parseMappingJson(text: string): CsvMapping {
  let v: unknown;
  try {
    v = JSON.parse(stripBom(text));
  } catch (err) {
    throw new UsageError(`mapping file is not JSON: ${(err as Error).message}`, text.slice(0, 80));
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new UsageError('mapping file must hold a JSON object', text.slice(0, 80));
  const o = v as Record<string, unknown>;
  const cols = (o.columns && typeof o.columns === 'object' ? o.columns : o) as Record<string, unknown>;
  const fields: Partial<Record<CsvField, FieldSource>> = {};
  for (const [k, val] of Object.entries(cols)) {
    if (cols === o && ['delimiter', 'header', 'tz'].includes(k)) continue;
    if (typeof val !== 'string') throw new UsageError(`mapping for "${k}" must be a string`, val);
    fields[fieldName(k)] = sourceOf(val);
  }
  return {
    fields,
    header: o.header !== false,
    ...(typeof o.delimiter === 'string' ? { delimiter: o.delimiter } : {}),
    ...(typeof o.tz === 'string' ? { tz: o.tz } : {}),
  };
}

/** `--mapping` holds the file's content (from the CLI) or a path. */
export function loadMapping(value: string): CsvMapping {
  const t = stripBom(value).trimStart();
  return parseMappingJson(t.startsWith('{') ? value : readFileSync(value, 'utf8'));
}

/** Fills unmapped fields from header names that match a known alias. */
export function autoMap(
  header: string[],
  fields: Partial<Record<CsvField, FieldSource>>,
): Partial<Record<CsvField, FieldSource>> {
  const out = { ...fields };
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const f of CSV_FIELDS) {
    if (out[f]) continue;
    const i = lower.findIndex((h) => ALIASES[f].includes(h));
    if (i >= 0) out[f] = { index: i };
  }
  return out;
}
