import { canonicalJson } from '../core/canonical-json.ts';
import type { Digest } from './digest-model.ts';
import { htmlToPdf } from './pdf.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-md.ts';

export const DIGEST_FORMATS = ['md', 'html', 'pdf', 'json'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export const MIME: Record<DigestFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

/** The digest in one format, as the exact bytes handed out (and hashed into digest.created). */
export async function renderDigest(d: Digest, format: DigestFormat): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from(renderMarkdown(d), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(d), 'utf8');
    case 'pdf':
      return htmlToPdf(renderHtml(d));
    case 'json':
      return Buffer.from(`${canonicalJson(d)}\n`, 'utf8');
  }
}

export function digestFileName(d: Digest, format: DigestFormat): string {
  const day = (iso: string) => iso.slice(0, 10);
  return `vigil-digest-${day(d.options.since)}-${day(d.options.until)}-${d.options.lang}.${format}`;
}
